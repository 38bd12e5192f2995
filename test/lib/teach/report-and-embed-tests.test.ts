import assert from "node:assert/strict";
import {
  checkCode,
  EMBED_MODEL,
  embedBatchesTests,
  reportStepsTests,
  type EmbedAll,
  type RunReport,
} from "@async-ts/lib";
import { quietly, useTimeScale } from "../helpers.js";

describe("reportStepsTests()", () => {
  useTimeScale(0.05);
  const check = (runReport: RunReport) =>
    quietly(() => checkCode("runReport()", reportStepsTests(runReport)));

  it("runs its documented example: config, both fetches together, then the report", async () => {
    const result = await check(async (step) => {
      await step("read config", 200);
      await Promise.all([step("fetch users", 300), step("fetch orders", 300)]);
      await step("write report", 200);
    });
    assert.equal(result.state, "right", result.lines.join("\n"));
  });

  it("fails the plain sequential script: the fetches do not overlap", async () => {
    const result = await check(async (step) => {
      for (const [name, ms] of [
        ["read config", 200],
        ["fetch users", 300],
        ["fetch orders", 300],
        ["write report", 200],
      ] as const)
        await step(name, ms);
    });
    assert.equal(result.state, "wrong");
    assert.match(result.lines.join("\n"), /✘ fetches users and orders together: .*0\.3 s lost/);
  });

  it("fails everything at once: the fetches start before the config is read", async () => {
    const result = await check(async (step) => {
      await Promise.all([
        step("read config", 200),
        step("fetch users", 300),
        step("fetch orders", 300),
        step("write report", 200),
      ]);
    });
    assert.match(result.lines.join("\n"), /✘ reads the config before any fetch.*a fetch began/);
  });

  it("reports the stub as not answered, and rejects a non-function", async () => {
    const result = await check(() => Promise.reject(new Error("TODO: write it")));
    assert.equal(result.state, "unanswered");
    // @ts-expect-error: a wrong argument, as plain JavaScript could pass it
    assert.throws(() => reportStepsTests(3), { message: /expected a function, got number/ });
  });
});

describe("embedBatchesTests()", () => {
  useTimeScale(0.05);
  const check = (embedAll: EmbedAll) =>
    quietly(() => checkCode("embedAll()", embedBatchesTests(embedAll)));
  const batchesOf = (texts: string[], size: number) =>
    Array.from({ length: Math.ceil(texts.length / size) }, (_, i) =>
      texts.slice(i * size, i * size + size),
    );

  it("runs its documented example: batches sent together pass every test", async () => {
    const result = await check(async (ai, texts, batchSize) => {
      const replies = await Promise.all(
        batchesOf(texts, batchSize).map((contents) =>
          ai.models.embedContent({ model: EMBED_MODEL, contents }),
        ),
      );
      return replies.flatMap((r) => (r.embeddings ?? []).map((e) => e.values ?? []));
    });
    assert.equal(result.state, "right", result.lines.join("\n"));
  });

  it("fails batches sent one after another: four round trips", async () => {
    const result = await check(async (ai, texts, batchSize) => {
      const vectors: number[][] = [];
      for (const contents of batchesOf(texts, batchSize)) {
        const r = await ai.models.embedContent({ model: EMBED_MODEL, contents });
        vectors.push(...(r.embeddings ?? []).map((e) => e.values ?? []));
      }
      return vectors;
    });
    assert.equal(result.state, "wrong");
    assert.match(
      result.lines.join("\n"),
      /✘ sends the batches together: .*at most 1 request\(s\) were in flight/,
    );
  });

  it("fails one call per text: 100 requests, not 4", async () => {
    const result = await check(async (ai, texts) => {
      const replies = await Promise.all(
        texts.map((contents) => ai.models.embedContent({ model: EMBED_MODEL, contents })),
      );
      return replies.map((r) => r.embeddings?.[0]?.values ?? []);
    });
    assert.match(
      result.lines.join("\n"),
      /✘ sends one request per batch: .*expected \[4,3\], got \[100,10\]/,
    );
  });

  it("reports the stub as not answered", async () => {
    const result = await check(() => Promise.reject(new Error("TODO: write it")));
    assert.equal(result.state, "unanswered");
  });
});
