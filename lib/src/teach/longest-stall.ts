// How long the event loop was held up while some code ran, seen by a ticker on the main thread.

/** What {@link longestStall} saw. */
export interface Stall<T> {
  /** What `run()` resolved with. */
  value: T;
  /** Real milliseconds from the call of `run` until its promise settled. */
  tookMs: number;
  /** The longest gap, in real ms, between two ticks (or the last tick and the end). */
  longestMs: number;
}

/**
 * Runs `run` while a `setInterval` ticks every `everyMs`, and reports the longest gap between
 * ticks: about `everyMs` while the loop stays free, the whole blocking stretch when it does not.
 * The exercise tests of notebooks 5 and 8 compare it with the run's own length.
 * @param run The code to watch; its rejection rejects this call, after the ticker is cleared.
 * @param everyMs The ticker's period in real milliseconds, >= 1.
 * @returns `{ value, tookMs, longestMs }`.
 * @throws {RangeError} (as a rejection) When `everyMs` is not a number >= 1.
 * @example
 * ```ts
 * const { longestMs } = await longestStall(() => new Promise((r) => setTimeout(r, 50)), 5);
 * // longestMs is a little over 5: waiting does not hold the loop up
 * ```
 */
export async function longestStall<T>(run: () => Promise<T>, everyMs: number): Promise<Stall<T>> {
  if (!Number.isFinite(everyMs) || everyMs < 1) {
    throw new RangeError(`Cannot watch the loop: 'everyMs' must be >= 1, got ${everyMs}`);
  }
  let last = performance.now();
  let longestMs = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    longestMs = Math.max(longestMs, now - last);
    last = now;
  }, everyMs);
  const t0 = performance.now();
  try {
    const value = await run();
    const end = performance.now();
    // A stall at the very end shows as the gap since the last tick.
    return { value, tookMs: end - t0, longestMs: Math.max(longestMs, end - last) };
  } finally {
    clearInterval(ticker);
  }
}
