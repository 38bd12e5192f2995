// A simulated operation for exercise tests that records when it was called and when it settled.
import { sleep } from "../async/sleep.js";

/** A started-on-call fake operation and what it recorded (real ms since the test began). */
export interface FakeOp<T> {
  /** Call it to start the operation: after `ms` (guide time) it resolves with `value` or rejects. */
  start: () => Promise<T>;
  /** How often `start` was called. */
  calls: number;
  /** When `start` was first called; `NaN` until then. */
  calledAt: number;
  /** When the first call settled; `NaN` until then. */
  settledAt: number;
  /** Resolves (never rejects) once the first call has settled, without touching its promise. */
  settled: Promise<void>;
}

/**
 * Makes a fake operation for a test: it records when it was called and when it settled, and
 * offers a `settled` promise that never rejects, so a test can wait for the operation without
 * attaching a handler to the promise the code under test got (which would hide an unhandled
 * rejection).
 * @param name Named in its result (`"<name>'s data"`) and its error (`Error("<name> failed")`).
 * @param ms Guide milliseconds, through the time scale.
 * @param fails When true, it rejects instead of resolving.
 * @param t0 The test's start, a `performance.now()` value, for `calledAt` and `settledAt`.
 * @returns The operation and its records.
 * @throws {RangeError} When `ms` is not a number >= 0.
 * @example
 * ```ts
 * const user = fakeOp("user", 100, false, performance.now());
 * await user.start(); // "user's data"
 * user.calls; // 1
 * ```
 */
export function fakeOp(name: string, ms: number, fails: boolean, t0: number): FakeOp<string> {
  if (!Number.isFinite(ms) || ms < 0) {
    throw new RangeError(`Cannot make fake operation '${name}': 'ms' must be >= 0, got ${ms}`);
  }
  let markSettled: () => void = () => undefined;
  const op: FakeOp<string> = {
    calls: 0,
    calledAt: NaN,
    settledAt: NaN,
    settled: new Promise<void>((resolve) => (markSettled = resolve)),
    start: async () => {
      op.calls++;
      if (op.calls === 1) op.calledAt = performance.now() - t0;
      await sleep(ms);
      if (Number.isNaN(op.settledAt)) op.settledAt = performance.now() - t0;
      markSettled();
      if (fails) throw new Error(`${name} failed`);
      return `${name}'s data`;
    },
  };
  return op;
}
