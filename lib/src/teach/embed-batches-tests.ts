// The tests of notebook 12's exercise `embedAll`: batches of texts, sent together, one vector per text.
import { strict as assert } from "node:assert";
import { startStandin } from "../gemini/standin/server.js";
import { timeScale } from "../measure/time.js";
import { isTodo, type ExerciseTest } from "./exercise.js";

// The SDK is an ES module; this CommonJS file loads it with require(esm) (Node 22.12+), as limits.ts does.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const sdk = require("@google/genai") as {
  GoogleGenAI: new (options: Record<string, unknown>) => EmbedClient;
};

/** The part of the SDK's client the exercise uses (a real `GoogleGenAI` has this shape). */
export interface EmbedClient {
  models: {
    embedContent(params: {
      model: string;
      contents: string | string[];
      config?: { outputDimensionality?: number };
    }): Promise<{ embeddings?: { values?: number[] }[] }>;
  };
}

/** The exercise's function: embeds `texts` in batches of at most `batchSize`, in input order. */
export type EmbedAll = (ai: EmbedClient, texts: string[], batchSize: number) => Promise<number[][]>;

/** The embedding model the exercise names. */
export const EMBED_MODEL = "gemini-embedding-001";

/** One run of the reader's function against a fresh stand-in: what it returned and sent. */
async function tryIt(embedAll: EmbedAll, count: number, batchSize: number) {
  // 300 real ms at any time scale: long enough that batches sent together are in flight together.
  const standin = await startStandin({ latencyMs: 300 / timeScale() });
  try {
    const ai = new sdk.GoogleGenAI({
      apiKey: "offline-stand-in",
      vertexai: false,
      httpOptions: { baseUrl: standin.url },
    });
    const texts = Array.from({ length: count }, (_, i) => `note ${i + 1}`);
    const vectors = await embedAll(ai, texts, batchSize).catch((error: unknown) => {
      if (isTodo(error)) throw error;
      throw new Error(`it rejected: ${String(error)}`, { cause: error });
    });
    const together = standin.stats.maxInFlight; // before the reference call below
    const { embeddings = [] } = await ai.models.embedContent({
      model: EMBED_MODEL,
      contents: texts,
    });
    return {
      vectors,
      expected: embeddings.map((e) => e.values ?? []),
      requests: standin.stats.requests - 1, // the reference call above is not the reader's
      together,
    };
  } finally {
    await standin.close();
  }
}

/**
 * The tests of the `embedAll` exercise, for `checkCode`: 100 texts in batches of 25 take 4
 * requests and 10 in batches of 4 take 3; the vectors come back one per text, in input order;
 * the batches go out together (the stand-in sees several in flight at once), so the call
 * takes about one round trip, not one per batch.
 * @param embedAll The reader's function.
 * @returns The tests; a `TODO:` error from a stub makes `checkCode` report "not answered yet".
 * @throws {TypeError} When `embedAll` is not a function.
 * @example
 * ```ts
 * const embedAll: EmbedAll = async (ai, texts, batchSize) => {
 *   const batches = [];
 *   for (let i = 0; i < texts.length; i += batchSize) batches.push(texts.slice(i, i + batchSize));
 *   const replies = await Promise.all(batches.map((contents) =>
 *     ai.models.embedContent({ model: EMBED_MODEL, contents })));
 *   return replies.flatMap((r) => (r.embeddings ?? []).map((e) => e.values ?? []));
 * };
 * await checkCode("embedAll()", embedBatchesTests(embedAll)); // every line ✔
 * ```
 */
export function embedBatchesTests(embedAll: EmbedAll): ExerciseTest[] {
  if (typeof embedAll !== "function") {
    throw new TypeError(`Cannot test embedAll: expected a function, got ${typeof embedAll}`);
  }
  const hundred = (() => {
    let run: ReturnType<typeof tryIt> | undefined;
    return () => (run ??= tryIt(embedAll, 100, 25));
  })();
  return [
    {
      name: "sends one request per batch: 100 texts by 25 is 4 requests, 10 by 4 is 3",
      run: async () => {
        const [big, small] = [await hundred(), await tryIt(embedAll, 10, 4)];
        assert.deepEqual([big.requests, small.requests], [4, 3]);
      },
    },
    {
      name: "returns one vector per text, in the order of the texts",
      run: async () => {
        const { vectors, expected } = await hundred();
        assert.equal(vectors.length, expected.length, "one vector per text");
        const wrong = vectors.findIndex(
          (v, i) => JSON.stringify(v) !== JSON.stringify(expected[i]),
        );
        assert.equal(wrong, -1, `vector ${wrong} is not the embedding of text ${wrong}`);
      },
    },
    {
      name: "sends the batches together: several requests in flight at once, not one after another",
      run: async () => {
        // All 4 overlap on a quiet machine; on a busy one the SDK may be slow to send the last.
        const { together } = await hundred();
        assert.ok(together >= 2, `at most ${together} request(s) were in flight at once`);
      },
    },
  ];
}
