import { abortable } from "./abortable.js";
import { scaled } from "../measure/time.js";

/** Options for {@link withTimeout}. */
export interface WithTimeoutOptions {
  /** An outer signal (e.g. the user pressed cancel); combined with the timeout by AbortSignal.any. */
  signal?: AbortSignal;
}

/**
 * Runs `fn` with a deadline: `fn` gets a signal that aborts when the time is up (or the outer
 * signal aborts), and the returned promise rejects at that moment even if `fn` ignores it.
 *
 * Unlike a bare `AbortSignal.timeout`, the timer is cleared as soon as `fn` settles, so nothing
 * is left running afterwards, and nothing of the call stays referenced (not even by a long-lived
 * outer signal). `fn` runs in the caller's async context.
 *
 * @param fn The work; pass its signal on to anything that can be cancelled.
 * @param ms The deadline in guide milliseconds (scaled by the time scale).
 * @param options An optional outer `signal`.
 * @returns What `fn` resolves to, if it is in time.
 * @throws {DOMException} (as a rejection) A `TimeoutError` when the deadline passes first.
 * @throws {unknown} (as a rejection) The outer `signal.reason`, or whatever `fn` rejects with.
 * @example
 * ```ts
 * await withTimeout((signal) => simulate("slow", 5000, 1, { signal }), 1000);
 * // rejects after "1 s" with TimeoutError: "Timed out after 1 s"
 * ```
 */
export async function withTimeout<T>(
  fn: (signal: AbortSignal) => T | Promise<T>,
  ms: number,
  options: WithTimeoutOptions = {},
): Promise<T> {
  if (typeof fn !== "function") {
    throw new TypeError(`Cannot run with timeout: 'fn' must be a function, got ${typeof fn}`);
  }
  if (!Number.isFinite(ms) || ms < 0) {
    throw new RangeError(`Cannot run with timeout: 'ms' must be a finite number >= 0, got ${ms}`);
  }
  const { signal: outer } = options;
  outer?.throwIfAborted();
  const deadline = new AbortController();
  const timer = setTimeout(() => {
    deadline.abort(new DOMException(`Timed out after ${ms / 1000} s`, "TimeoutError"));
  }, scaled(ms));
  // The outer signal is forwarded by a listener removed at the end, not by AbortSignal.any: Node
  // keeps an `any` signal alive as long as its source while it has listeners, so work that left
  // a listener on its signal would stay referenced by a long-lived outer signal.
  const forward = (): void => deadline.abort(outer?.reason);
  outer?.addEventListener("abort", forward, { once: true });
  try {
    return await abortable((async () => fn(deadline.signal))(), deadline.signal);
  } finally {
    clearTimeout(timer);
    outer?.removeEventListener("abort", forward);
  }
}
