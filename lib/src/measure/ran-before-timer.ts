// How many links of a self-queueing callback chain run before a 0 ms timer gets its turn.

/** What {@link ranBeforeTimer} counted. */
export interface ChainBeforeTimer {
  /** Callbacks of the chain that ran before the timer fired (or all `length` of them). */
  ran: number;
  /** Real milliseconds from setting the 0 ms timer to its firing. */
  lateMs: number;
}

/**
 * Sets a 0 ms timer (it stands for everything waiting in the loop's phases: timers, I/O), then
 * starts a chain of callbacks in which each one queues the next with `queue`, and counts how many
 * ran before the timer fired. The chain stops when the timer fires, or after `length` callbacks.
 * A queue the loop drains until empty (nextTick, promise callbacks) runs the whole chain first;
 * `setImmediate` lets the timer in.
 * @param queue Queues the chain's next callback, e.g. `(next) => process.nextTick(next)`.
 * @param length The most callbacks the chain runs.
 * @returns How many ran before the timer, and how late it fired.
 * @throws {TypeError} (as a rejection) When `queue` is not a function.
 * @throws {RangeError} (as a rejection) When `length` is not a whole number >= 1.
 * @example
 * ```ts
 * await ranBeforeTimer((next) => process.nextTick(next), 1000); // { ran: 1000, lateMs: … }
 * await ranBeforeTimer((next) => setImmediate(next), 1000); // { ran: ≥ 1, lateMs: ≤ ~1 }
 * ```
 */
export async function ranBeforeTimer(
  queue: (next: () => void) => void,
  length: number,
): Promise<ChainBeforeTimer> {
  if (typeof queue !== "function") {
    throw new TypeError(`Cannot run chain: 'queue' must be a function, got ${typeof queue}`);
  }
  if (!Number.isInteger(length) || length < 1) {
    throw new RangeError(`Cannot run chain: 'length' must be a whole number >= 1, got ${length}`);
  }
  return new Promise<ChainBeforeTimer>((resolve) => {
    let ran = 0;
    let fired = false;
    const start = performance.now();
    setTimeout(() => {
      fired = true;
      resolve({ ran, lateMs: performance.now() - start });
    }, 0);
    const next = (): void => {
      if (!fired && ++ran < length) queue(next);
    };
    queue(next);
  });
}
