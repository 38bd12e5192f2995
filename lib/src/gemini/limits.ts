/**
 * Why limit concurrency, measured: the same batch of calls against a stand-in of fixed capacity,
 * once per client-side limit, gives throughput and error rate against the limit - a curve that
 * climbs while the limit is below the capacity and breaks (errors, no more throughput) past it.
 */
// @ts-expect-error TS1479: the SDK's types resolve to its ESM build; tsc would reject even a type import.
import type { GoogleGenAI } from "@google/genai";
import { limiter } from "../async/limiter.js";
import { guideSeconds } from "../measure/time.js";
import { DEFAULT_GEMINI_MODEL } from "./client.js";
import { parseGeminiError } from "./error.js";
import { startStandin, type StandinOptions } from "./standin/server.js";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const sdk = require("@google/genai") as { GoogleGenAI: typeof GoogleGenAI };

/** What to sweep. */
export interface LimitSweepOptions {
  /** The client-side concurrency limits to try, e.g. [1, 2, 4, 8, 16, 32]. */
  limits: readonly number[];
  /** Calls per limit; default 64. */
  requests?: number;
  /** The stand-in each limit runs against (a fresh one, same seed); default capacity 8, latency 400. */
  standin?: StandinOptions;
  /** The model to call; default {@link DEFAULT_GEMINI_MODEL}. */
  model?: string;
}

/** One limit's result. */
// A type, not an interface, so that rows pass straight to table().
export type LimitSweepRow = {
  limit: number;
  /** Guide seconds for the whole batch. */
  seconds: number;
  /** Successful calls per guide second. */
  throughput: number;
  /** Failed calls as a fraction of all, 0 to 1. */
  errorRate: number;
  /** Failed calls per HTTP status (0 for a failure without one). */
  failures: Record<number, number>;
  /** Mean guide seconds of a successful call. */
  meanLatency: number;
};

/**
 * Runs the same batch of generateContent calls once per concurrency limit, each against a fresh
 * stand-in, and reports throughput and error rate for each limit. Offline only: it never calls the
 * real API.
 * @param options The limits, the batch size, the stand-in's options (set `capacity`) and the model.
 * @returns One row per limit, in the order given.
 * @throws {RangeError} (as a rejection) When a limit is not an integer >= 1 or `requests` < 1.
 * @example
 * ```ts
 * const rows = await sweepConcurrencyLimits({ limits: [4, 8, 16], requests: 32, standin: { capacity: 8, latencyMs: 200 } });
 * table(rows); // errors appear past limit 8, and throughput stops growing
 * ```
 */
export async function sweepConcurrencyLimits(options: LimitSweepOptions): Promise<LimitSweepRow[]> {
  const { limits, requests = 64, model = DEFAULT_GEMINI_MODEL } = options;
  const given: unknown = limits;
  const integers = (list: readonly unknown[]) =>
    list.every((limit) => typeof limit === "number" && Number.isInteger(limit) && limit >= 1);
  if (!Array.isArray(given) || given.length === 0 || !integers(given)) {
    throw new RangeError(
      `Cannot sweep limits: 'limits' must be a non-empty list of integers >= 1, got ${JSON.stringify(limits)}`,
    );
  }
  if (!Number.isInteger(requests) || requests < 1) {
    throw new RangeError(
      `Cannot sweep limits: 'requests' must be an integer >= 1, got ${requests}`,
    );
  }
  const rows: LimitSweepRow[] = [];
  for (const limit of limits) {
    const standin = await startStandin({ capacity: 8, latencyMs: 400, ...options.standin });
    try {
      const ai = new sdk.GoogleGenAI({
        apiKey: standin.apiKey,
        vertexai: false,
        httpOptions: { baseUrl: standin.url },
      });
      const run = limiter(limit);
      const failures: Record<number, number> = {};
      const latencies: number[] = [];
      const started = performance.now();
      await Promise.all(
        Array.from({ length: requests }, (_, i) =>
          run(async () => {
            const callStarted = performance.now();
            try {
              await ai.models.generateContent({ model, contents: `Question ${i + 1}` });
              latencies.push(performance.now() - callStarted);
            } catch (error) {
              const status = parseGeminiError(error)?.code ?? 0;
              failures[status] = (failures[status] ?? 0) + 1;
            }
          }),
        ),
      );
      const seconds = guideSeconds(performance.now() - started);
      const mean = latencies.reduce((sum, ms) => sum + ms, 0) / Math.max(1, latencies.length);
      rows.push({
        limit,
        seconds,
        throughput: latencies.length / seconds,
        errorRate: (requests - latencies.length) / requests,
        failures,
        meanLatency: guideSeconds(mean),
      });
    } finally {
      await standin.close();
    }
  }
  return rows;
}
