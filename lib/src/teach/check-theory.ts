// Checks a predicted number against the theory, and shows the measurement of this run beside it.
import { unansweredLine } from "./exercise.js";

/**
 * Prints a ✔/✘/✎ line for a predicted number: right when it is within `tolerance` of `theory`, the
 * value worked out from the durations. The run's `measured` value is shown next to it as the
 * evidence, but does not decide: on a busy machine, or at a small time scale, timers fire late and
 * a right prediction must not turn wrong.
 * @param label What was predicted, with its unit, e.g. `"started together (s)"`.
 * @param answer The reader's number; `undefined` (a TODO stub) prints a ✎ line.
 * @param theory The right answer, worked out.
 * @param measured What this run measured.
 * @param tolerance How far the answer may be from the theory (default 0.01, for rounding).
 * @returns `true` when the answer is right.
 * @throws {TypeError} When `label` is empty, or `theory`, `measured` or `tolerance` is not a
 *   finite number (tolerance also >= 0).
 * @example
 * ```ts
 * checkTheory("started together (s)", 4, 4, 4.03);
 * // prints "✔ started together (s): you said 4; theory 4, measured 4.03"
 * ```
 */
export function checkTheory(
  label: string,
  answer: number | undefined,
  theory: number,
  measured: number,
  tolerance = 0.01,
): boolean {
  if (typeof label !== "string" || label === "") {
    throw new TypeError(`Cannot check answer: 'label' must be a non-empty string, got '${label}'`);
  }
  for (const [name, value] of [
    ["theory", theory],
    ["measured", measured],
    ["tolerance", tolerance],
  ] as const) {
    if (
      typeof value !== "number" ||
      !Number.isFinite(value) ||
      (name === "tolerance" && value < 0)
    ) {
      throw new TypeError(
        `Cannot check '${label}': '${name}' must be a finite number, got ${value}`,
      );
    }
  }
  if (answer === undefined) {
    console.log(unansweredLine(label));
    return false;
  }
  const right = typeof answer === "number" && Math.abs(answer - theory) <= tolerance;
  const shown = (n: number): string => String(Number(n.toFixed(2)));
  const line = `${label}: you said ${shown(answer)}; theory ${shown(theory)}, measured ${shown(measured)}`;
  console.log(right ? `✔ ${line}` : `✘ ${line} (not quite: read the section again and retry)`);
  return right;
}
