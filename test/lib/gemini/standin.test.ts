// Drives the real @google/genai SDK against the Gemini stand-in: answers, usage, streaming, token
// counts, models.list/get, embeddings and latency. JSON mode and function calls are in
// standin-json-functions.test.ts.
import assert from "node:assert/strict";
import { GoogleGenAI } from "@google/genai";
import { startStandin } from "@async-ts/lib";
import { useStandin, waitFor } from "./helpers.js";

const model = "gemini-flash-lite-latest";

describe("startStandin()", () => {
  const fixture = useStandin();
  const connect = fixture.connect;

  it("runs its documented example", async () => {
    fixture.standin = await startStandin({ latencyMs: 200 });
    const ai = new GoogleGenAI({
      apiKey: fixture.standin.apiKey,
      httpOptions: { baseUrl: fixture.standin.url },
    });
    const response = await ai.models.generateContent({
      model: "gemini-2.5-flash",
      contents: "Hello?",
    });
    assert.match(response.text ?? "", /"Hello\?"/);
    assert.equal(fixture.standin.stats.requests, 1);
  });

  it("answers generateContent with deterministic text in one part, usage counts and modelVersion", async () => {
    const ai = await connect();
    const ask = () => ai.models.generateContent({ model, contents: "What is the event loop?" });
    const [first, second] = [await ask(), await ask()];
    assert.match(first.text ?? "", /^.+"What is the event loop\?".+\./);
    assert.equal(second.text, first.text);
    assert.equal(first.candidates?.[0]?.content?.parts?.length, 1);
    assert.equal(first.candidates?.[0]?.finishReason, "STOP");
    assert.equal(first.modelVersion, "gemini-3.1-flash-lite", "the alias resolves");
    const usage = first.usageMetadata;
    assert.equal(usage?.promptTokenCount, 6);
    assert.deepEqual(usage?.promptTokensDetails, [{ modality: "TEXT", tokenCount: 6 }]);
    assert.equal(usage?.candidatesTokenCount, Math.ceil((first.text ?? "").length / 4));
    assert.equal(usage?.thoughtsTokenCount, undefined, "Flash-Lite does not think unless asked");
    assert.equal(
      usage?.totalTokenCount,
      (usage?.promptTokenCount ?? 0) + (usage?.candidatesTokenCount ?? 0),
    );
    const other = await ai.models.generateContent({ model, contents: "Explain backpressure." });
    assert.notEqual(other.text, first.text);
  });

  it("counts thinking tokens where the model thinks, and against maxOutputTokens", async () => {
    const ai = await connect();
    const contents = "Why do promises help?";
    const thinks = await ai.models.generateContent({ model: "gemini-2.5-flash", contents });
    const thoughts = thinks.usageMetadata?.thoughtsTokenCount ?? 0;
    assert.ok(thoughts > 0, "2.5 Flash thinks by default");
    assert.equal(
      thinks.usageMetadata?.totalTokenCount,
      (thinks.usageMetadata?.promptTokenCount ?? 0) +
        (thinks.usageMetadata?.candidatesTokenCount ?? 0) +
        thoughts,
    );
    const off = await ai.models.generateContent({
      model: "gemini-2.5-flash",
      contents,
      config: { thinkingConfig: { thinkingBudget: 0 } },
    });
    assert.equal(off.usageMetadata?.thoughtsTokenCount, undefined);
    const summary = await ai.models.generateContent({
      model: "gemini-3-flash-preview",
      contents,
      config: { thinkingConfig: { includeThoughts: true } },
    });
    const parts = summary.candidates?.[0]?.content?.parts ?? [];
    assert.equal(parts[0]?.thought, true);
    assert.ok(!summary.text?.includes("Planning the answer"), "text leaves the thought out");
    // Thinking spends the output budget first: a small maxOutputTokens leaves no text at all.
    const starved = await ai.models.generateContent({
      model: "gemini-2.5-flash",
      contents,
      config: { maxOutputTokens: 20 },
    });
    assert.equal(starved.candidates?.[0]?.finishReason, "MAX_TOKENS");
    assert.equal(starved.text, undefined);
    assert.equal(starved.usageMetadata?.thoughtsTokenCount, 20);
  });

  it("cuts an answer at maxOutputTokens with finishReason MAX_TOKENS", async () => {
    const ai = await connect();
    const config = { maxOutputTokens: 5 };
    const response = await ai.models.generateContent({ model, contents: "Hi", config });
    assert.equal(response.candidates?.[0]?.finishReason, "MAX_TOKENS");
    assert.equal(response.text?.length, 20);
    assert.equal(response.usageMetadata?.candidatesTokenCount, 5);
  });

  it("streams several chunks with usage so far on each, finishReason on the last", async () => {
    const ai = await connect();
    const contents = "What is the event loop?";
    const whole = await ai.models.generateContent({ model, contents });
    const chunks = [];
    for await (const chunk of await ai.models.generateContentStream({ model, contents }))
      chunks.push(chunk);
    assert.ok(chunks.length >= 3, `expected at least 3 chunks, got ${chunks.length}`);
    assert.equal(chunks.map((chunk) => chunk.text).join(""), whole.text);
    assert.equal(chunks.at(-1)?.candidates?.[0]?.finishReason, "STOP");
    assert.equal(chunks[0]?.candidates?.[0]?.finishReason, undefined);
    assert.deepEqual(chunks.at(-1)?.usageMetadata, whole.usageMetadata);
    const counts = chunks.map((chunk) => chunk.usageMetadata?.candidatesTokenCount ?? -1);
    assert.ok(counts[0]! > 0, "the first chunk carries usage too");
    assert.deepEqual(
      counts,
      [...counts].sort((a, b) => a - b),
      "counts grow chunk by chunk",
    );
    assert.ok(chunks.every((chunk) => chunk.modelVersion === "gemini-3.1-flash-lite"));
  });

  it("counts tokens of the contents and system instruction", async () => {
    const ai = await connect();
    const result = await ai.models.countTokens({ model, contents: "Twelve chars" });
    assert.equal(result.totalTokens, 3);
    const generated = await ai.models.generateContent({
      model,
      contents: "Twelve chars",
      config: { systemInstruction: "Be brief" },
    });
    assert.equal(generated.usageMetadata?.promptTokenCount, 5);
  });

  it("serves models.list with paging and models.get with the resolved version", async () => {
    const ai = await connect();
    const names: string[] = [];
    for await (const entry of await ai.models.list({ config: { pageSize: 4 } }))
      names.push(entry.name ?? "");
    assert.ok(names.length > 8 && new Set(names).size === names.length, names.join());
    for (const expected of ["gemini-2.5-flash", "gemini-flash-lite-latest", "gemini-embedding-001"])
      assert.ok(names.includes(`models/${expected}`), expected);
    const flash = await ai.models.get({ model: "gemini-2.5-flash" });
    assert.equal(flash.name, "models/gemini-2.5-flash");
    assert.deepEqual(flash.supportedActions, [
      "generateContent",
      "countTokens",
      "createCachedContent",
      "batchGenerateContent",
    ]);
    assert.equal(flash.thinking, true);
    assert.equal(flash.maxTemperature, 2);
    const embed = await ai.models.get({ model: "models/gemini-embedding-001" });
    assert.ok(embed.supportedActions?.includes("embedContent"));
    assert.equal(embed.thinking, undefined);
  });

  it("embeds in 3072 dimensions by default, fewer with outputDimensionality", async () => {
    const ai = await connect();
    const contents = ["cats chase dogs", "dogs chase cats", "quarterly bond yields"];
    const full = await ai.models.embedContent({ model: "gemini-embedding-001", contents });
    const vectors = (full.embeddings ?? []).map((embedding) => embedding.values ?? []);
    assert.deepEqual(
      vectors.map((vector) => vector.length),
      [3072, 3072, 3072],
    );
    for (const vector of vectors) assert.ok(Math.abs(Math.hypot(...vector) - 1) < 1e-4);
    const dot = (a: number[], b: number[]) => a.reduce((sum, x, i) => sum + x * (b[i] ?? 0), 0);
    const [a = [], b = [], c = []] = vectors;
    assert.ok(dot(a, b) > 0.99, "same words, same direction");
    assert.ok(dot(a, c) < 0.5, "different words, different direction");
    const config = { outputDimensionality: 128 };
    const short = await ai.models.embedContent({ model: "gemini-embedding-001", contents, config });
    const small = (short.embeddings ?? []).map((embedding) => embedding.values ?? []);
    assert.equal(small[0]?.length, 128);
    assert.deepEqual(small[0], a.slice(0, 128), "a shorter embedding is the full one's prefix");
    assert.ok(Math.hypot(...(small[0] ?? [])) < 0.9, "only the full size is normalised");
    const unit = small.map((vector) => vector.map((x) => x / Math.hypot(...vector)));
    assert.ok(dot(unit[0] ?? [], unit[1] ?? []) > dot(unit[0] ?? [], unit[2] ?? []));
  });

  it("answers 50 concurrent requests in about one latency, all in flight together", async () => {
    // A long latency: on a busy machine the SDK may need a while to send all 50.
    const ai = await connect({ latencyMs: 2000 });
    const started = performance.now();
    const calls = Array.from({ length: 50 }, (_, i) =>
      ai.models.generateContent({ model, contents: `Q${i}` }),
    );
    assert.ok(
      await waitFor(() => fixture.standin?.stats.inFlight === 50, 10_000),
      "not all 50 arrived",
    );
    const responses = await Promise.all(calls);
    const elapsed = performance.now() - started;
    assert.equal(new Set(responses.map((response) => response.text)).size > 1, true);
    assert.ok(elapsed >= 1950 && elapsed < 8000, `took ${elapsed.toFixed(0)} ms`);
    assert.equal(fixture.standin?.stats.maxInFlight, 50);
    assert.equal(fixture.standin?.stats.inFlight, 0);
  });

  it("scales latency by ASYNC_TS_TIME_SCALE", async () => {
    process.env.ASYNC_TS_TIME_SCALE = "0.1";
    try {
      const ai = await connect({ latencyMs: 2000 });
      const started = performance.now();
      await ai.models.generateContent({ model, contents: "Hi" });
      const elapsed = performance.now() - started;
      assert.ok(
        elapsed >= 195 && elapsed < 1000,
        `expected about 200 ms, took ${elapsed.toFixed(0)} ms`,
      );
    } finally {
      process.env.ASYNC_TS_TIME_SCALE = "1";
    }
  });
});
