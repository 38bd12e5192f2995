// The tests of notebook 10's exercise `countTo`: a counting loop that yields and honours its signal.
import { strict as assert } from "node:assert";
import { isTodo, type ExerciseTest } from "./exercise.js";

/** The exercise's function: counts from 0 up to `n` in chunks, resolves to `n`, honours `signal`. */
export type CountTo = (n: number, options?: { signal?: AbortSignal }) => Promise<number>;

/** Real ms a test allows between `abort()` and the rejection; one chunk takes well under 1 ms. */
const SLACK_MS = 250;

/**
 * Waits for `promise` to reject with `reason` and returns when it did (a `performance.now()`).
 * A stub's TODO error is rethrown, so `checkCode` reports the exercise as not answered yet.
 */
async function rejectedAt(promise: Promise<unknown>, reason: unknown): Promise<number> {
  const outcome = await promise.then(
    () => undefined,
    (error: unknown) => ({ error }),
  );
  if (outcome !== undefined && isTodo(outcome.error)) throw outcome.error;
  if (outcome === undefined) throw new Error("countTo resolved anyway: does it check the signal?");
  assert.equal(outcome.error, reason, "rejects with signal.reason");
  return performance.now();
}

/**
 * The tests of the `countTo` exercise, for `checkCode`: it counts to `n`; a timer fires while it
 * counts (it yields between chunks); it rejects with `signal.reason` within 250 ms of `abort()`;
 * and on a signal aborted beforehand it rejects at once, for `n = 0` too.
 * @param countTo The reader's function.
 * @returns The tests; a `TODO:` error from a stub makes `checkCode` report "not answered yet".
 * @throws {TypeError} When `countTo` is not a function.
 * @example
 * ```ts
 * const countTo: CountTo = async (n, { signal } = {}) => {
 *   let count = 0;
 *   for (;;) {
 *     signal?.throwIfAborted();
 *     if (count >= n) return count;
 *     const end = Math.min(n, count + 10_000);
 *     while (count < end) count++;
 *     await setImmediate(); // from node:timers/promises
 *   }
 * };
 * await checkCode("countTo()", countToTests(countTo)); // every line starts with ✔
 * ```
 */
export function countToTests(countTo: CountTo): ExerciseTest[] {
  if (typeof countTo !== "function") {
    throw new TypeError(`Cannot test countTo: expected a function, got ${typeof countTo}`);
  }
  return [
    {
      name: "counts to n without a signal: 0, 1 and 1,000,000",
      run: async () => {
        assert.deepEqual([await countTo(0), await countTo(1), await countTo(1e6)], [0, 1, 1e6]);
      },
    },
    {
      name: "lets a timer fire while it counts (it yields between chunks)",
      run: async () => {
        let fired = false;
        const timer = setTimeout(() => (fired = true), 0);
        try {
          await countTo(2e7);
        } finally {
          clearTimeout(timer);
        }
        assert.ok(fired, "no timer ran until countTo finished: yield between chunks");
      },
    },
    {
      name: `stops within ${SLACK_MS} ms of abort(), rejecting with its reason`,
      run: async () => {
        const controller = new AbortController();
        const reason = new Error("user left");
        let at = 0;
        setTimeout(() => {
          at = performance.now();
          controller.abort(reason);
        }, 5);
        const ms = (await rejectedAt(countTo(1e9, { signal: controller.signal }), reason)) - at;
        assert.ok(ms < SLACK_MS, `stopped ${ms.toFixed(0)} ms after abort()`);
      },
    },
    {
      name: "rejects at once on a signal aborted beforehand, for n = 1e8 and for n = 0",
      run: async () => {
        for (const n of [1e8, 0]) {
          const signal = AbortSignal.abort(new Error("too late"));
          const started = performance.now();
          const ms = (await rejectedAt(countTo(n, { signal }), signal.reason)) - started;
          assert.ok(ms < SLACK_MS, `n = ${n}: rejected after ${ms.toFixed(0)} ms`);
        }
      },
    },
  ];
}
