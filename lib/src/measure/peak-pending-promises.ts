import { createHook } from "node:async_hooks";

/** What {@link peakPendingPromises} saw. */
export interface PendingPromiseCount<T> {
  /** What `fn` resolved with. */
  value: T;
  /** The most promises made during the run that were unresolved at one moment. */
  peak: number;
  /** All promises made during the run. */
  created: number;
}

/**
 * Runs `fn` and counts the promises made meanwhile that are not resolved yet, keeping the highest
 * count: how many promises a way of running work holds at once, which garbage collection cannot
 * blur the way it blurs heap figures. A promise counts as resolved once its resolve function is
 * called, even with a promise it then follows, so the count is a floor.
 *
 * Promise hooks slow every promise down while they are on: use this to measure, not in production.
 * @param fn The work to run.
 * @returns Its value, the peak and the total of promises made.
 * @throws {unknown} (as a rejection) What `fn` rejects with; the hooks are off again either way.
 * @example
 * ```ts
 * const { peak } = await peakPendingPromises(() =>
 *   Promise.all(Array.from({ length: 100 }, () => sleep(10))));
 * console.log(peak >= 100); // true: every sleep was pending at once
 * ```
 */
export async function peakPendingPromises<T>(
  fn: () => Promise<T>,
): Promise<PendingPromiseCount<T>> {
  const unresolved = new Set<number>();
  let peak = 0;
  let created = 0;
  const hook = createHook({
    init(asyncId, type) {
      if (type !== "PROMISE") return;
      created++;
      unresolved.add(asyncId);
      peak = Math.max(peak, unresolved.size);
    },
    promiseResolve(asyncId) {
      unresolved.delete(asyncId);
    },
  });
  hook.enable();
  try {
    const value = await fn();
    return { value, peak, created };
  } finally {
    hook.disable();
  }
}
