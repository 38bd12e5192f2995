import { limiter, type LimiterOptions } from "./limiter.js";

/** A function made by {@link limitFunction}: calls beyond the limit wait their turn. */
export interface LimitedFunction<A extends unknown[], R> {
  (...args: A): Promise<R>;
  /** Drops the calls still waiting (see {@link Limiter.clearQueue}). */
  readonly clearQueue: (reason?: unknown) => void;
}

/**
 * Wraps `fn` so that at most `concurrency` calls of it run at once (p-limit's `limitFunction`).
 *
 * Each wrapper has its own limiter; use {@link limiter} instead to share one limit between
 * several functions.
 *
 * @param fn The function to limit; it may return a value or a promise.
 * @param options The concurrency (a number), or `{ concurrency, rejectOnClear }` as for `limiter`.
 * @returns A function taking `fn`'s arguments and returning a promise of its result, with
 *   `clearQueue()`.
 * @throws {TypeError} When `fn` is not a function, or `options` is wrong as for `limiter`.
 * @example
 * ```ts
 * const fetchOne = limitFunction(fetchPage, { concurrency: 2 });
 * const pages = await Promise.all(urls.map((url) => fetchOne(url))); // 2 at a time
 * ```
 */
export function limitFunction<A extends unknown[], R>(
  fn: (...args: A) => R | PromiseLike<R>,
  options: number | LimiterOptions,
): LimitedFunction<A, R> {
  if (typeof fn !== "function") {
    throw new TypeError(`Cannot limit function: 'fn' must be a function, got ${typeof fn}`);
  }
  const limit = limiter(options);
  const limited = (...args: A): Promise<R> => limit(fn, ...args);
  Object.defineProperty(limited, "clearQueue", { value: limit.clearQueue });
  return limited as LimitedFunction<A, R>;
}
