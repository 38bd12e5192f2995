import { unansweredLine } from "./exercise.js";

/**
 * Compares a reader's answer to an exercise with what the kernel measured, and says so in one line.
 *
 * A wrong answer is a lesson, not an error: the function prints ✘ and returns `false` instead of
 * throwing, so an exercise cell never fails. An `undefined` answer (the shipped `// TODO` stub)
 * prints what to do instead (a line starting with ✎).
 *
 * @param label What the answer is about, such as `"one after another (s)"`.
 * @param answer The reader's answer.
 * @param actual The measured or computed truth.
 * @param tolerance How far apart a number may be and still count as right (default 0).
 * @returns `true` when the answer matches.
 * @throws {TypeError} When `label` is empty or `tolerance` is negative.
 * @example
 * ```ts
 * checkAnswer("3 s and 2 s together (s)", 3, 3.01, 0.5); // prints "✔ 3 s and 2 s together (s): you said 3, measured 3.01"
 * ```
 */
export function checkAnswer<T>(label: string, answer: T, actual: T, tolerance = 0): boolean {
  if (typeof label !== "string" || label === "") {
    throw new TypeError(`Cannot check answer: 'label' must be a non-empty string, got '${label}'`);
  }
  if (!Number.isFinite(tolerance) || tolerance < 0) {
    throw new TypeError(`Cannot check answer: 'tolerance' must be a number >= 0, got ${tolerance}`);
  }
  if (answer === undefined) {
    console.log(unansweredLine(label));
    return false;
  }
  const right =
    typeof answer === "number" && typeof actual === "number"
      ? Math.abs(answer - actual) <= tolerance
      : JSON.stringify(answer) === JSON.stringify(actual);
  const shown = (value: T) =>
    typeof value === "number" ? String(Number(value.toFixed(2))) : JSON.stringify(value);
  const verdict = right ? "✔" : "✘";
  const hint = right ? "" : " (not quite: read the section again and retry)";
  const line = `${verdict} ${label}: you said ${shown(answer)}, measured ${shown(actual)}`;
  console.log(line + hint);
  return right;
}
