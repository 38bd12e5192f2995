// The tests of notebook 6's exercise `retryTransient`: retry 429/500/503 with backoff, not 400.
import { strict as assert } from "node:assert";
import { isTodo, type ExerciseTest } from "./exercise.js";

/** The exercise's function: calls `call` until it succeeds or fails for good. */
export type RetryTransient = <T>(
  call: () => Promise<T>,
  attempts: number,
  baseMs: number,
) => Promise<T>;

/** An error shaped like the SDK's `ApiError`: a message and an HTTP `status`. */
function apiError(status: number): Error & { status: number } {
  return Object.assign(new Error(`got status ${status}`), { status });
}

/** A fake API call that fails with the given statuses in turn, then answers "ok". */
function flakyCall(statuses: number[]) {
  const calledAt: number[] = [];
  const t0 = performance.now();
  const errors = statuses.map(apiError);
  const call = (): Promise<string> => {
    calledAt.push(performance.now() - t0);
    const error = errors[calledAt.length - 1];
    return error ? Promise.reject(error) : Promise.resolve("ok");
  };
  return { call, calledAt, errors };
}

/** Runs the reader's function; a stub's TODO error is rethrown so checkCode sees it. */
async function settle(
  retryTransient: RetryTransient,
  statuses: number[],
  attempts: number,
  baseMs: number,
) {
  const fake = flakyCall(statuses);
  const outcome = await retryTransient(fake.call, attempts, baseMs).then(
    (value) => ({ value, error: undefined }),
    (error: unknown) => ({ value: undefined, error }),
  );
  if (outcome.error !== undefined && isTodo(outcome.error)) throw outcome.error as Error;
  const gaps = fake.calledAt.slice(1).map((t, i) => t - fake.calledAt[i]!);
  return { ...outcome, calls: fake.calledAt.length, gaps, errors: fake.errors };
}

/**
 * The tests of the `retryTransient` exercise, for `checkCode`: transient statuses (429, 500, 503)
 * are retried up to `attempts` calls in all, with waits that double from `baseMs` (each between
 * half and all of `baseMs * 2 ** (n - 1)` real milliseconds); any other error, and the last
 * transient one, rejects unchanged. Event order and lower bounds only, so a busy machine cannot
 * turn a right answer wrong.
 * @param retryTransient The reader's function.
 * @returns The tests; a `TODO:` error from a stub makes `checkCode` report "not answered yet".
 * @throws {TypeError} When `retryTransient` is not a function.
 * @example
 * ```ts
 * const retryTransient: RetryTransient = async (call, attempts, baseMs) => {
 *   for (let n = 1; ; n++) {
 *     try {
 *       return await call();
 *     } catch (error) {
 *       const status = (error as { status?: number }).status ?? 0;
 *       if (n >= attempts || ![429, 500, 503].includes(status)) throw error;
 *       const wait = baseMs * 2 ** (n - 1);
 *       await new Promise((resolve) => setTimeout(resolve, wait / 2 + (Math.random() * wait) / 2));
 *     }
 *   }
 * };
 * await checkCode("retryTransient()", retryTransientTests(retryTransient)); // every line ✔
 * ```
 */
export function retryTransientTests(retryTransient: RetryTransient): ExerciseTest[] {
  if (typeof retryTransient !== "function") {
    throw new TypeError(
      `Cannot test retryTransient: expected a function, got ${typeof retryTransient}`,
    );
  }
  const base = 40;
  return [
    {
      name: "a call that succeeds is made once, and its value returned",
      run: async () => {
        const r = await settle(retryTransient, [], 4, base);
        assert.deepEqual({ value: r.value, calls: r.calls }, { value: "ok", calls: 1 });
      },
    },
    {
      name: "503, 503, then ok: three calls, resolves with 'ok'",
      run: async () => {
        const r = await settle(retryTransient, [503, 503], 4, base);
        assert.deepEqual({ value: r.value, calls: r.calls }, { value: "ok", calls: 3 });
      },
    },
    {
      name: "429 and 500 are transient too",
      run: async () => {
        const r = await settle(retryTransient, [429, 500], 4, base);
        assert.deepEqual({ value: r.value, calls: r.calls }, { value: "ok", calls: 3 });
      },
    },
    {
      name: "waits before each retry, doubling: at least 20, 40, 80 ms for baseMs 40",
      run: async () => {
        const r = await settle(retryTransient, [503, 503, 503], 4, base);
        assert.equal(r.calls, 4, "expected four calls");
        // Timers never fire early, so these lower bounds hold on any machine (1 ms for rounding).
        const least = r.gaps.map((_, i) => (base * 2 ** i) / 2 - 1);
        assert.ok(
          r.gaps.every((gap, i) => gap >= least[i]!),
          `waits were ${r.gaps.map((g) => g.toFixed(0)).join(", ")} ms`,
        );
      },
    },
    {
      name: "400 INVALID_ARGUMENT is not retried: one call, rejects with that same error",
      run: async () => {
        const r = await settle(retryTransient, [400], 4, base);
        assert.equal(r.calls, 1, "a 400 will fail the same way again");
        assert.equal(r.error, r.errors[0], "it should reject with the call's own error");
      },
    },
    {
      name: "gives up after 'attempts' calls, rejecting with the last error",
      run: async () => {
        const r = await settle(retryTransient, [503, 503, 503, 503], 3, 10);
        assert.equal(r.calls, 3, "attempts counts every call, the first included");
        assert.equal(r.error, r.errors[2], "it should reject with the third call's error");
      },
    },
  ];
}
