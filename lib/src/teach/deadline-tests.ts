// The tests of notebook 8's exercise `withDeadline`: a timeout on one await, written by hand.
import { strict as assert } from "node:assert";
import { isTodo, type ExerciseTest } from "./exercise.js";

/** The exercise's function: runs `op` with a deadline of `ms` real milliseconds. */
export type WithDeadline = <T>(op: (signal: AbortSignal) => Promise<T>, ms: number) => Promise<T>;

/** Calls the reader's function (even one that throws at once) and reports how it settled. */
async function settle<T>(
  withDeadline: WithDeadline,
  op: (s: AbortSignal) => Promise<T>,
  ms: number,
) {
  const start = performance.now();
  const outcome = await (async () => withDeadline(op, ms))().then(
    (value) => ({ value, error: undefined as unknown }),
    (error: unknown) => ({ value: undefined, error }),
  );
  if (outcome.error !== undefined && isTodo(outcome.error)) throw outcome.error as Error;
  return { ...outcome, ms: performance.now() - start };
}

/** An operation that ignores its signal and resolves with `value` after `ms` real ms. */
const after =
  <T>(ms: number, value: T) =>
  () =>
    new Promise<T>((resolve) => setTimeout(resolve, ms, value));

const timers = () => process.getActiveResourcesInfo().filter((r) => r === "Timeout").length;

/**
 * The tests of the `withDeadline` exercise, for `checkCode`: in time it resolves or rejects as the
 * operation does; at the deadline it rejects with a `TimeoutError` without waiting for an
 * operation that ignores its signal, and aborts the signal it gave the operation; and an
 * operation that finishes first leaves no timer running.
 * @param withDeadline The reader's function.
 * @returns The tests; a `TODO:` error from a stub makes `checkCode` report "not answered yet".
 * @throws {TypeError} When `withDeadline` is not a function.
 * @example
 * ```ts
 * const withDeadline: WithDeadline = (op, ms) => {
 *   const controller = new AbortController();
 *   return new Promise((resolve, reject) => {
 *     const timer = setTimeout(() => {
 *       const error = new DOMException(`timed out after ${ms} ms`, "TimeoutError");
 *       controller.abort(error);
 *       reject(error);
 *     }, ms);
 *     op(controller.signal).then(resolve, reject).finally(() => clearTimeout(timer));
 *   });
 * };
 * await checkCode("withDeadline()", deadlineTests(withDeadline)); // every line ✔
 * ```
 */
export function deadlineTests(withDeadline: WithDeadline): ExerciseTest[] {
  if (typeof withDeadline !== "function") {
    throw new TypeError(
      `Cannot test withDeadline: expected a function, got ${typeof withDeadline}`,
    );
  }
  return [
    {
      name: "in time, resolves with the operation's value",
      run: async () =>
        assert.equal((await settle(withDeadline, after(20, "done"), 1000)).value, "done"),
    },
    {
      name: "in time, rejects with the operation's own error",
      run: async () => {
        const failing = async () => Promise.reject(new Error("disk full"));
        const { error } = await settle(withDeadline, failing, 1000);
        assert.equal((error as Error | undefined)?.message, "disk full");
      },
    },
    {
      name: "leaves no timer running when the operation finishes first",
      run: async () => {
        const before = timers();
        await settle(withDeadline, () => Promise.resolve("quick"), 10_000);
        const left = timers() - before;
        assert.equal(left, 0, `${left} timer(s) still running after the call settled`);
      },
    },
    {
      name: "rejects with a TimeoutError at the deadline (100 ms), not when a 600 ms operation ends",
      run: async () => {
        let running: Promise<string> | undefined;
        const slow = () => (running = after(600, "late")());
        const { error, ms } = await settle(withDeadline, slow, 100);
        await running; // the operation ignored its signal: let it end before the next test
        assert.equal((error as Error | undefined)?.name, "TimeoutError", `got ${String(error)}`);
        assert.ok(ms >= 90 && ms < 450, `it settled after ${ms.toFixed(0)} ms`);
      },
    },
    {
      name: "aborts the signal it gave the operation when time is up",
      run: async () => {
        let given: AbortSignal | undefined;
        let running: Promise<string> | undefined;
        const slow = (signal: AbortSignal) => ((given = signal), (running = after(300, "late")()));
        await settle(withDeadline, slow, 50);
        await running;
        assert.equal(given?.aborted, true, "the operation's signal was not aborted");
      },
    },
  ];
}
