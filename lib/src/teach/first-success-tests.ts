// The tests of the exercise `firstSuccess` (once in notebook 3): Promise.any written by hand.
import { strict as assert } from "node:assert";
import { sleep } from "../async/sleep.js";
import { fakeOp, type FakeOp } from "./fake-op.js";
import { isTodo, type ExerciseTest } from "./exercise.js";
import { watchUnhandled } from "./watch-unhandled.js";

/** The exercise's function: settles like `Promise.any`. */
export type FirstSuccess = <T>(promises: readonly Promise<T>[]) => Promise<T>;

/**
 * The tests of the `firstSuccess` exercise, for `checkCode`: the first fulfilment wins, failures
 * are skipped until all have failed, then an `AggregateError` with every reason in input order;
 * no rejection is left unhandled; `Promise.any` itself is not used.
 * @param firstSuccess The reader's function.
 * @returns The tests; a `TODO:` error from a stub makes `checkCode` report "not answered yet".
 * @throws {TypeError} When `firstSuccess` is not a function.
 * @example
 * ```ts
 * const firstSuccess: FirstSuccess = (promises) =>
 *   new Promise((resolve, reject) => {
 *     const reasons: unknown[] = [];
 *     let failed = 0;
 *     if (promises.length === 0) reject(new AggregateError([], "All promises were rejected"));
 *     promises.forEach((p, i) => {
 *       void p.then(resolve, (reason: unknown) => {
 *         reasons[i] = reason;
 *         if (++failed === promises.length) reject(new AggregateError(reasons, "All failed"));
 *       });
 *     });
 *   });
 * await checkCode("firstSuccess()", firstSuccessTests(firstSuccess)); // every line starts with ✔
 * ```
 */
export function firstSuccessTests(firstSuccess: FirstSuccess): ExerciseTest[] {
  if (typeof firstSuccess !== "function") {
    throw new TypeError(
      `Cannot test firstSuccess: expected a function, got ${typeof firstSuccess}`,
    );
  }
  const tryIt = (ops: [name: string, ms: number, fails: boolean][]) =>
    tryFirstSuccess(firstSuccess, ops);
  return [
    {
      name: "skips a failure: [fails at 0.2 s, 'b' at 0.5 s, 'c' at 1 s] gives \"b's data\"",
      run: async () => {
        const r = await tryIt([
          ["a", 200, true],
          ["b", 500, false],
          ["c", 1000, false],
        ]);
        assert.deepEqual(r.outcome, { status: "fulfilled", value: "b's data" });
      },
    },
    {
      name: "settles at the first success (0.3 s), without waiting for a slower one (2 s)",
      run: async () => {
        const r = await tryIt([
          ["fast", 300, false],
          ["slow", 2000, false],
        ]);
        assert.deepEqual(r.outcome, { status: "fulfilled", value: "fast's data" });
        assert.ok(r.settledAt < r.ops[1]!.settledAt, "it waited for the slow one");
      },
    },
    {
      name: "all fail: rejects after the last one, with an AggregateError of the reasons in input order",
      run: async () => {
        const r = await tryIt([
          ["a", 600, true],
          ["b", 200, true],
        ]);
        assert.equal(r.outcome.status, "rejected", "it did not reject");
        const reason: unknown = r.outcome.status === "rejected" ? r.outcome.reason : undefined;
        assert.ok(reason instanceof AggregateError, `rejected with ${String(reason)}`);
        assert.deepEqual(reason.errors.map(String), ["Error: a failed", "Error: b failed"]);
        assert.ok(r.settledAt >= r.ops[0]!.settledAt, "it rejected before the last failure");
      },
    },
    {
      name: "an empty list rejects at once with an AggregateError, as Promise.any([]) does",
      run: async () => {
        const outcome = await Promise.race([
          firstSuccess([]).then(
            (value) => `fulfilled with ${JSON.stringify(value)}`,
            (reason: unknown) => reason,
          ),
          sleep(500).then(() => "still pending after 0.5 s"),
        ]);
        if (isTodo(outcome)) throw outcome;
        assert.ok(outcome instanceof AggregateError, `firstSuccess([]): ${String(outcome)}`);
      },
    },
    {
      name: "leaves no rejection unhandled (not even of a promise it made with .then)",
      run: async () => {
        const r = await tryIt([
          ["a", 100, true],
          ["b", 300, false],
          ["c", 500, true],
        ]);
        assert.deepEqual(r.unhandled.map(String), [], "a Node process would exit with code 1");
      },
    },
    {
      name: "is written without Promise.any",
      run: () =>
        assert.ok(!/Promise\s*\.\s*any\b/.test(String(firstSuccess)), "it calls Promise.any"),
    },
  ];
}

/** Runs firstSuccess on fresh fake operations and watches until all of them have settled. */
async function tryFirstSuccess(
  firstSuccess: FirstSuccess,
  specs: [name: string, ms: number, fails: boolean][],
): Promise<{
  outcome: PromiseSettledResult<string>;
  unhandled: unknown[];
  ops: FakeOp<string>[];
  settledAt: number;
}> {
  const t0 = performance.now();
  const ops = specs.map(([name, ms, fails]) => fakeOp(name, ms, fails, t0));
  let settledAt = NaN;
  const watched = await watchUnhandled(
    async () => {
      try {
        return await firstSuccess(ops.map((op) => op.start()));
      } finally {
        settledAt = performance.now() - t0;
      }
    },
    { until: () => Promise.all(ops.map((op) => op.settled)) },
  );
  if (watched.outcome.status === "rejected" && isTodo(watched.outcome.reason)) {
    throw watched.outcome.reason;
  }
  return { outcome: watched.outcome, unhandled: watched.unhandled, ops, settledAt };
}
