import { guideSeconds } from "./time.js";

/** Options for {@link measure}. */
export interface MeasureOptions {
  /** A name printed in front of the result line. */
  label?: string;
  /** What theory predicts, in guide milliseconds; printed next to the measurement. */
  expectedMs?: number;
  /** Print the result line (default `true`). */
  print?: boolean;
}

/** What {@link measure} found. */
export interface Measured<T> {
  /** What the measured function returned. */
  value: T;
  /** Wall time in real milliseconds. */
  realMs: number;
  /** Wall time in guide seconds (real time divided by the time scale). */
  seconds: number;
  /** The printed line, such as `"expected ≈ 3.00 s, measured 3.01 s"`. */
  line: string;
}

/**
 * Times an async (or sync) function and reports it in guide seconds next to the expectation.
 *
 * @param fn The work to time; awaited if it returns a promise.
 * @param options `label`, `expectedMs` (guide ms) and `print` (default true).
 * @returns The value, the real and guide durations, and the printed line.
 * @throws {TypeError} (as a rejection) When `fn` is not a function.
 * @throws {RangeError} (as a rejection) When `expectedMs` is negative or not a number.
 * @throws {unknown} (as a rejection) Whatever `fn` throws or rejects with, unchanged.
 * @example
 * ```ts
 * const { seconds } = await measure(() => sleep(3000), { label: "one sleep", expectedMs: 3000 });
 * // prints "one sleep: expected ≈ 3.00 s, measured 3.00 s"
 * ```
 */
export async function measure<T>(
  fn: () => T | Promise<T>,
  options: MeasureOptions = {},
): Promise<Measured<T>> {
  if (typeof fn !== "function") {
    throw new TypeError(`Cannot measure: 'fn' must be a function, got ${typeof fn}`);
  }
  const { label, expectedMs, print = true } = options;
  if (expectedMs !== undefined && (!Number.isFinite(expectedMs) || expectedMs < 0)) {
    throw new RangeError(
      `Cannot measure: 'expectedMs' must be a finite number >= 0, got ${expectedMs}`,
    );
  }
  const start = performance.now();
  const value = await fn();
  const realMs = performance.now() - start;
  const seconds = guideSeconds(realMs);
  const parts = [];
  if (expectedMs !== undefined) parts.push(`expected ≈ ${(expectedMs / 1000).toFixed(2)} s`);
  parts.push(`measured ${seconds.toFixed(2)} s`);
  const line = (label === undefined ? "" : `${label}: `) + parts.join(", ");
  if (print) console.log(line);
  return { value, realMs, seconds, line };
}
