import { guideSeconds } from "./time.js";

/** Anything that draws spans, such as a `Timeline` (only its `span` method is used). */
export interface SpanRecorder {
  span<T>(name: string, fn: () => T | Promise<T>, options?: { lane?: string }): Promise<T>;
}

/** Options for {@link measureEach}. */
export interface MeasureEachOptions {
  /** Draws each call as a span in its own lane ("request 1", "request 2", ...). */
  timeline?: SpanRecorder;
  /** The span name and lane prefix (default "request"). */
  name?: string;
}

/**
 * Starts every call at once and times each one on its own: a latency per call, as a client
 * waiting for that one reply would see it.
 *
 * @param calls The calls to start, each a function returning a promise (or a value).
 * @param options `timeline` to draw each call in its own lane, `name` for the spans.
 * @returns Each call's duration in guide seconds, in the order of `calls`, once all settled.
 * @throws {TypeError} (as a rejection) When `calls` is not an array of functions.
 * @throws {unknown} (as a rejection) The first error a call rejects with, after all settled.
 * @example
 * ```ts
 * const latencies = await measureEach([() => sleep(300), () => sleep(500)]);
 * // ≈ [0.3, 0.5]: both ran together
 * ```
 */
export async function measureEach(
  calls: readonly (() => unknown)[],
  options: MeasureEachOptions = {},
): Promise<number[]> {
  const given: unknown = calls;
  if (!Array.isArray(given) || !given.every((call) => typeof call === "function")) {
    throw new TypeError(`Cannot measure each: 'calls' must be an array of functions`);
  }
  const { timeline, name = "request" } = options;
  const timed = calls.map(async (call, i) => {
    const started = performance.now();
    const run = async () => await call();
    await (timeline ? timeline.span(name, run, { lane: `${name} ${i + 1}` }) : run());
    return guideSeconds(performance.now() - started);
  });
  const settled = await Promise.allSettled(timed);
  const failed = settled.find(
    (result): result is PromiseRejectedResult => result.status === "rejected",
  );
  if (failed) throw failed.reason;
  return settled.map((result) => (result as PromiseFulfilledResult<number>).value);
}
