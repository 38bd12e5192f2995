import { sleep } from "./sleep.js";
import type { Timeline } from "../show/timeline.js";

/** Options for {@link simulate}. */
export interface SimulateOptions {
  /** Cancels the operation; the promise then rejects with `signal.reason`. */
  signal?: AbortSignal;
  /** When given, the operation is recorded on it as a span named after the operation. */
  timeline?: Timeline;
  /** The timeline lane for the span, such as a worker id. */
  lane?: string;
  /** Makes the operation fail with this error after its duration, for error-handling demos. */
  fail?: Error;
}

/**
 * A simulated I/O operation: "take 3 s, then return a value", without using the CPU.
 *
 * @param name What the operation is called in timelines and messages.
 * @param ms How long it takes, in guide milliseconds (scaled by the time scale).
 * @param value What it resolves to.
 * @param options `signal` to cancel, `timeline` and `lane` to record it, `fail` to make it reject.
 * @returns A promise of `value` after the scaled duration.
 * @throws {TypeError} (as a rejection) When `name` is empty.
 * @throws {RangeError} (as a rejection) When `ms` is negative or not a number.
 * @throws {unknown} (as a rejection) `signal.reason` on abort, or `options.fail` when given.
 * @example
 * ```ts
 * const answer = await simulate("fetch user", 3000, { id: 1 }); // { id: 1 } after "3 s"
 * ```
 */
export async function simulate<T>(
  name: string,
  ms: number,
  value: T,
  options: SimulateOptions = {},
): Promise<T> {
  if (typeof name !== "string" || name === "") {
    throw new TypeError(
      `Cannot simulate operation: 'name' must be a non-empty string, got '${name}'`,
    );
  }
  if (!Number.isFinite(ms) || ms < 0) {
    throw new RangeError(`Cannot simulate '${name}': 'ms' must be a finite number >= 0, got ${ms}`);
  }
  const { signal, timeline, lane, fail } = options;
  const run = async (): Promise<T> => {
    await sleep(ms, { signal });
    if (fail !== undefined) throw fail;
    return value;
  };
  return timeline === undefined ? run() : timeline.span(name, run, { lane });
}
