// Runs async code and reports the rejections it left unhandled, the ones that make Node exit.
import { guideSeconds } from "../measure/time.js";

/** What {@link watchUnhandled} saw. */
export interface Watched<T> {
  /** How `run()` settled. */
  outcome: PromiseSettledResult<T>;
  /** The reasons of the rejections nobody handled while watching, in the order Node saw them. */
  unhandled: unknown[];
  /** Guide seconds from the call of `run` until its promise settled. */
  seconds: number;
}

/**
 * Calls `run`, waits for its promise (and then for `until()`, when given), and collects every
 * rejection Node reports as unhandled in that time. While it watches, the process's own
 * `unhandledRejection` listeners (the kernel's, which would print the rejection) are set aside and
 * put back afterwards, so a plain `node` process does not exit either. Rejections from unrelated
 * code that runs meanwhile are collected too.
 * @param run The code under test; its own rejection is reported in `outcome`, never thrown.
 * @param options `until`: called once `run` has settled; its promise is awaited too, so operations
 *   still running then (and failing later) are watched to their end. It should not reject.
 * @returns `{ outcome, unhandled, seconds }`.
 * @throws {TypeError} (as a rejection) When `run` or `until` is not a function.
 * @example
 * ```ts
 * const watched = await watchUnhandled(async () => {
 *   void Promise.reject(new Error("nobody listens"));
 *   return "done";
 * });
 * watched.outcome.status; // "fulfilled"
 * watched.unhandled.map(String); // ["Error: nobody listens"]
 * ```
 */
export async function watchUnhandled<T>(
  run: () => Promise<T> | T,
  options: { until?: () => Promise<unknown> } = {},
): Promise<Watched<T>> {
  if (typeof run !== "function") {
    throw new TypeError(`Cannot watch: 'run' must be a function, got ${typeof run}`);
  }
  const { until } = options;
  if (until !== undefined && typeof until !== "function") {
    throw new TypeError(`Cannot watch: 'until' must be a function, got ${typeof until}`);
  }
  const unhandled: unknown[] = [];
  const collect = (reason: unknown): void => void unhandled.push(reason);
  const others = process.listeners("unhandledRejection");
  process.removeAllListeners("unhandledRejection");
  process.on("unhandledRejection", collect);
  try {
    const start = performance.now();
    const [outcome] = await Promise.allSettled([(async () => run())()]);
    const seconds = guideSeconds(performance.now() - start);
    await until?.();
    // Node reports a rejection as unhandled once the microtasks after it have run, so one timer
    // turn later every rejection from the watched time has been reported.
    await new Promise((resolve) => setTimeout(resolve, 0));
    return { outcome, unhandled, seconds };
  } finally {
    process.off("unhandledRejection", collect);
    for (const listener of others) process.on("unhandledRejection", listener);
  }
}
