// Drives the real @google/genai SDK against the Gemini stand-in.
import assert from "node:assert/strict";
import { GoogleGenAI, type HttpOptions } from "@google/genai";
import { startStandin, type Standin, type StandinOptions } from "@async-ts/lib";
import { pinTimeScale } from "./helpers.js";

const model = "gemini-flash-lite-latest";

describe("startStandin()", () => {
  pinTimeScale();
  let standin: Standin | undefined;
  afterEach(async () => {
    await standin?.close();
    standin = undefined;
  });

  async function connect(options: StandinOptions = {}, httpOptions: HttpOptions = {}) {
    standin = await startStandin({ latencyMs: 20, streamChunkMs: 10, ...options });
    return new GoogleGenAI({
      apiKey: "test-key",
      httpOptions: { ...httpOptions, baseUrl: standin.url },
    });
  }

  it("runs its documented example", async () => {
    standin = await startStandin({ latencyMs: 200 });
    const ai = new GoogleGenAI({ apiKey: "offline", httpOptions: { baseUrl: standin.url } });
    const response = await ai.models.generateContent({ model: "any-model", contents: "Hello?" });
    assert.match(response.text ?? "", /"Hello\?"/);
    assert.equal(standin.stats.requests, 1);
  });

  it("answers generateContent with deterministic text and usage counts", async () => {
    const ai = await connect();
    const ask = () => ai.models.generateContent({ model, contents: "What is the event loop?" });
    const [first, second] = [await ask(), await ask()];
    assert.match(first.text ?? "", /^.+"What is the event loop\?".+\./);
    assert.equal(second.text, first.text);
    assert.equal(first.candidates?.[0]?.finishReason, "STOP");
    const usage = first.usageMetadata;
    assert.equal(usage?.promptTokenCount, 6);
    assert.equal(usage?.candidatesTokenCount, Math.ceil((first.text ?? "").length / 4));
    assert.equal(
      usage?.totalTokenCount,
      (usage?.promptTokenCount ?? 0) + (usage?.candidatesTokenCount ?? 0),
    );
    const other = await ai.models.generateContent({ model, contents: "Explain backpressure." });
    assert.notEqual(other.text, first.text);
  });

  it("cuts an answer at maxOutputTokens with finishReason MAX_TOKENS", async () => {
    const ai = await connect();
    const config = { maxOutputTokens: 5 };
    const response = await ai.models.generateContent({ model, contents: "Hi", config });
    assert.equal(response.candidates?.[0]?.finishReason, "MAX_TOKENS");
    assert.equal(response.text?.length, 20);
    assert.equal(response.usageMetadata?.candidatesTokenCount, 5);
  });

  it("streams several chunks with for await, usage and finishReason on the last", async () => {
    const ai = await connect();
    const contents = "What is the event loop?";
    const whole = await ai.models.generateContent({ model, contents });
    const chunks = [];
    for await (const chunk of await ai.models.generateContentStream({ model, contents }))
      chunks.push(chunk);
    assert.ok(chunks.length >= 3, `expected at least 3 chunks, got ${chunks.length}`);
    assert.equal(chunks.map((chunk) => chunk.text).join(""), whole.text);
    assert.equal(chunks.at(-1)?.candidates?.[0]?.finishReason, "STOP");
    assert.deepEqual(chunks.at(-1)?.usageMetadata, whole.usageMetadata);
    assert.equal(chunks[0]?.usageMetadata, undefined);
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

  it("embeds a batch, one unit vector per text, similar texts closer", async () => {
    const ai = await connect();
    const contents = ["cats chase dogs", "dogs chase cats", "quarterly bond yields"];
    const config = { outputDimensionality: 64 };
    const result = await ai.models.embedContent({
      model: "gemini-embedding-001",
      contents,
      config,
    });
    const vectors = (result.embeddings ?? []).map((embedding) => embedding.values ?? []);
    assert.equal(vectors.length, 3);
    for (const vector of vectors) {
      assert.equal(vector.length, 64);
      assert.ok(Math.abs(Math.hypot(...vector) - 1) < 1e-4);
    }
    const dot = (a: number[], b: number[]) => a.reduce((sum, x, i) => sum + x * (b[i] ?? 0), 0);
    const [a = [], b = [], c = []] = vectors;
    assert.ok(dot(a, b) > 0.99, "same words, same direction");
    assert.ok(dot(a, c) < 0.5, "different words, different direction");
  });

  it("answers 50 concurrent 200 ms requests in about 200 ms", async () => {
    const ai = await connect({ latencyMs: 200 });
    const started = performance.now();
    const calls = Array.from({ length: 50 }, (_, i) =>
      ai.models.generateContent({ model, contents: `Q${i}` }),
    );
    const responses = await Promise.all(calls);
    const elapsed = performance.now() - started;
    assert.equal(responses.length, 50);
    assert.ok(
      elapsed >= 195 && elapsed < 1000,
      `expected about 200 ms, took ${elapsed.toFixed(0)} ms`,
    );
    assert.equal(standin?.stats.maxInFlight, 50);
  });

  it("serves 100 concurrent calls at once, all in flight together", async () => {
    const ai = await connect({ latencyMs: 300 });
    const started = performance.now();
    const calls = Array.from({ length: 100 }, (_, i) =>
      ai.models.generateContent({ model, contents: `Q${i}` }),
    );
    const texts = (await Promise.all(calls)).map((response) => response.text);
    const elapsed = performance.now() - started;
    assert.equal(new Set(texts).size > 1, true);
    assert.ok(elapsed < 2000, `100 calls of 300 ms took ${elapsed.toFixed(0)} ms`);
    assert.equal(standin?.stats.maxInFlight, 100);
    assert.equal(standin?.stats.inFlight, 0);
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
