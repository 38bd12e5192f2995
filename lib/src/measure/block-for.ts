import { scaled } from "./time.js";

/**
 * Blocks the whole thread for a duration in guide milliseconds: no timers, no I/O callbacks, no
 * promise reactions run meanwhile. This is what CPU-bound work does to an event loop.
 *
 * It sleeps in `Atomics.wait`, so the thread is really stuck without burning a core.
 *
 * @param ms How long to block, in guide milliseconds (scaled by the time scale).
 * @returns Nothing, after the scaled duration.
 * @throws {RangeError} When `ms` is negative or not a number.
 * @example
 * ```ts
 * setTimeout(() => console.log("late"), 0);
 * blockFor(1000); // the timer cannot fire until this returns
 * ```
 */
export function blockFor(ms: number): void {
  if (!Number.isFinite(ms) || ms < 0) {
    throw new RangeError(`Cannot block: 'ms' must be a finite number >= 0, got ${ms}`);
  }
  const realMs = scaled(ms);
  const cell = new Int32Array(new SharedArrayBuffer(4));
  const deadline = performance.now() + realMs;
  // Atomics.wait may wake a little early; loop until the deadline really passed.
  for (let left = realMs; left > 0; left = deadline - performance.now()) {
    Atomics.wait(cell, 0, 0, left);
  }
}
