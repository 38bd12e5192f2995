import { printable } from "../show/printable.js";
import { unansweredLine } from "./exercise.js";

/**
 * Compares a predicted order with the recorded one, position by position.
 *
 * @param prediction What the reader expects, e.g. `["sync", "nextTick", "microtask"]`.
 * @param actual What {@link recordOrder} returned.
 * An `undefined` prediction (the shipped `// TODO` stub) reports "not answered yet" instead.
 *
 * @param options `print` the report with console.log (default false); `label` names the exercise.
 * @returns `ok` (all match and same length) and the report lines, e.g. `"✔ 1. sync"` or
 *   `"✘ 2. predicted timeout, got immediate"`. As a cell's last value it shows as those lines.
 * @throws {TypeError} When either argument is not an array.
 * @example
 * ```ts
 * checkPrediction(["sync", "timeout"], ["sync", "timeout"]).ok; // true
 * ```
 */
export function checkPrediction(
  prediction: readonly string[] | undefined,
  actual: readonly string[],
  options: { print?: boolean; label?: string } = {},
): { ok: boolean; lines: string[] } {
  const label = options.label ?? "predicted order";
  if (prediction === undefined && Array.isArray(actual)) {
    const line = unansweredLine(label);
    if (options.print === true) console.log(line);
    return printable({ ok: false, lines: [line] }, line);
  }
  if (!Array.isArray(prediction) || !Array.isArray(actual)) {
    throw new TypeError(
      `Cannot check prediction: both arguments must be arrays, got ${typeof prediction} and ${typeof actual}`,
    );
  }
  const [predicted, recorded]: [readonly string[], readonly string[]] = [prediction, actual];
  const lines: string[] = [];
  let ok = true;
  for (let i = 0; i < Math.max(prediction.length, actual.length); i++) {
    const want = predicted[i];
    const got = recorded[i];
    if (want === got) lines.push(`✔ ${i + 1}. ${got}`);
    else {
      ok = false;
      lines.push(`✘ ${i + 1}. predicted ${want ?? "(nothing)"}, got ${got ?? "(nothing)"}`);
    }
  }
  lines.push(
    ok
      ? "All correct."
      : `${lines.filter((l) => l.startsWith("✔")).length} of ${actual.length} right.`,
  );
  if (options.print === true) console.log(lines.join("\n"));
  return printable({ ok, lines }, lines.join("\n"));
}
