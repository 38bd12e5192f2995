// The tests of notebook 6's exercise `retryWait`: the server's requested wait, else capped full jitter.
import { strict as assert } from "node:assert";
import { isTodo, type ExerciseTest } from "./exercise.js";

/** The exercise's function: how many ms to wait before the retry that follows failed try `attempt`. */
export type RetryWait = (
  error: unknown,
  attempt: number,
  options: { baseMs: number; capMs: number },
) => number;

/** An error shaped like the SDK's `ApiError`, its message the API's JSON body. */
function apiError(code: number, status: string, retryDelay?: string): Error {
  const details = retryDelay
    ? [{ "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay }]
    : [];
  const body = { error: { code, message: `${status} (a test)`, status, details } };
  return Object.assign(new Error(JSON.stringify(body)), { name: "ApiError", status: code });
}

/** Calls the reader's function `n` times; a stub's TODO error is rethrown so checkCode sees it. */
function samples(retryWait: RetryWait, n: number, ...args: Parameters<RetryWait>): number[] {
  const waits: number[] = [];
  for (let i = 0; i < n; i++) {
    const wait = retryWait(...args);
    if (isTodo(wait)) throw new Error("TODO: retryWait returned undefined");
    assert.equal(typeof wait, "number", `it returned ${String(wait)}, not a number`);
    waits.push(wait);
  }
  return waits;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const range = (xs: number[]) => `${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)} ms`;

/** Checks that `waits` look like full jitter over [0, b): inside it, spread over all of it. */
function assertFullJitter(waits: number[], b: number) {
  assert.ok(
    waits.every((w) => w >= 0 && w < b),
    `waits ran ${range(waits)}; full jitter stays in [0, ${b})`,
  );
  const m = mean(waits);
  assert.ok(
    m > 0.35 * b && m < 0.65 * b,
    `mean wait ${m.toFixed(0)} ms; full jitter's is ≈ ${b / 2}`,
  );
  assert.ok(Math.min(...waits) < 0.2 * b, `waits ran ${range(waits)}; some should be near 0`);
}

/**
 * The tests of the `retryWait` exercise, for `checkCode`: a 429 whose RetryInfo asks for a wait
 * gets exactly that wait, on any attempt; any other error (a 503, a 429 without RetryInfo, a plain
 * `Error`) gets full jitter, a random wait in [0, min(capMs, baseMs * 2 ** (attempt - 1))): inside
 * that range, with a mean near its middle and some waits near 0. Hundreds of samples per test and
 * wide windows, so chance cannot turn a right answer wrong.
 * @param retryWait The reader's function.
 * @returns The tests; a `TODO:` error from a stub makes `checkCode` report "not answered yet".
 * @throws {TypeError} When `retryWait` is not a function.
 * @example
 * ```ts
 * const retryWait: RetryWait = (error, attempt, { baseMs, capMs }) =>
 *   parseGeminiError(error)?.retryDelayMs ??
 *   Math.random() * Math.min(capMs, baseMs * 2 ** (attempt - 1));
 * await checkCode("retryWait()", retryWaitTests(retryWait)); // every line ✔
 * ```
 */
export function retryWaitTests(retryWait: RetryWait): ExerciseTest[] {
  if (typeof retryWait !== "function") {
    throw new TypeError(`Cannot test retryWait: expected a function, got ${typeof retryWait}`);
  }
  const options = { baseMs: 100, capMs: 1000 };
  return [
    {
      name: "a 429 asking for 3s waits 3000 ms, on any attempt",
      run: () => {
        const rateLimited = apiError(429, "RESOURCE_EXHAUSTED", "3s");
        for (const attempt of [1, 2, 6]) {
          assert.deepEqual(
            samples(retryWait, 3, rateLimited, attempt, options),
            [3000, 3000, 3000],
          );
        }
      },
    },
    {
      name: "a 503 after try 3 waits a random time in [0, 400) ms, spread over all of it",
      run: () => {
        const waits = samples(retryWait, 400, apiError(503, "UNAVAILABLE"), 3, options);
        assertFullJitter(waits, 400);
      },
    },
    {
      name: "the wait range doubles each try: [0, 100) after try 1, [0, 800) after try 4",
      run: () => {
        const error = apiError(500, "INTERNAL");
        assertFullJitter(samples(retryWait, 400, error, 1, options), 100);
        assertFullJitter(samples(retryWait, 400, error, 4, options), 800);
      },
    },
    {
      name: "capMs caps the range: after try 10, [0, 1000) ms",
      run: () => {
        assertFullJitter(samples(retryWait, 400, apiError(503, "UNAVAILABLE"), 10, options), 1000);
      },
    },
    {
      name: "a 429 without RetryInfo, and an error with no status, get full jitter too",
      run: () => {
        assertFullJitter(
          samples(retryWait, 400, apiError(429, "RESOURCE_EXHAUSTED"), 2, options),
          200,
        );
        assertFullJitter(samples(retryWait, 400, new Error("socket hang up"), 2, options), 200);
      },
    },
  ];
}
