// Exercises: the states an answer can be in, and the check that runs a reader's code against tests.
import { printable } from "../show/printable.js";

/** Where a reader's answer stands: not written yet (a TODO stub), wrong, or right. */
export type ExerciseState = "unanswered" | "wrong" | "right";

/** One test of a code exercise: a name and a function that throws (or rejects) when it fails. */
export interface ExerciseTest {
  name: string;
  run: () => unknown;
}

/**
 * Tells whether a value or an error is a TODO stub: `undefined`, or an Error whose message starts
 * with "TODO" (as `throw new Error("TODO: …")` in a stub's body).
 * @param valueOrError An answer, or what calling the reader's code threw.
 * @returns `true` for a stub that has not been filled in.
 * @example
 * ```ts
 * isTodo(undefined); // true
 * isTodo(new Error("TODO: write the body")); // true
 * isTodo(3); // false
 * ```
 */
export function isTodo(valueOrError: unknown): boolean {
  return (
    valueOrError === undefined ||
    (valueOrError instanceof Error && /^TODO\b/.test(valueOrError.message))
  );
}

/**
 * The line a check prints for an answer not written yet. Checks print ✔ (right), ✘ (wrong) or
 * ✎ (unanswered) at the start of a line; `check-notebooks --solutions` reads those marks.
 * @param label The exercise, as the check names it.
 * @returns The line, starting with ✎.
 * @example
 * ```ts
 * unansweredLine("timer fires after (ms)"); // "✎ timer fires after (ms): not answered yet. …"
 * ```
 */
export function unansweredLine(label: string): string {
  return `✎ ${label}: not answered yet. Fill in the TODO above, then run this cell again.`;
}

/**
 * Runs a code exercise: calls each test in turn and prints ✔ or ✘ with what was expected against
 * what the reader's code did. A test that hits the stub's `TODO` error marks the exercise as not
 * answered yet, so the notebook as shipped runs clean. A test that hangs fails after `timeoutMs`.
 * @param label The exercise's name, e.g. `"withDeadline()"`.
 * @param tests Each test's `run` throws (an `assert` failure, say) or rejects when it fails.
 * @param options `timeoutMs` per test, in real milliseconds (default 10000).
 * @returns `{ state, lines }`; as a cell's last value it shows as the report lines.
 * @throws {TypeError} (as a rejection) When `tests` is empty or a test has no `run` function.
 * @example
 * ```ts
 * const double = (n: number): number => n * 2; // the reader's code
 * await checkCode("double()", [
 *   { name: "double(2) is 4", run: () => assert.equal(double(2), 4) },
 * ]); // prints "✔ double(2) is 4" and "✔ double(): all 1 test(s) pass"
 * ```
 */
export async function checkCode(
  label: string,
  tests: readonly ExerciseTest[],
  options: { timeoutMs?: number } = {},
): Promise<{ state: ExerciseState; lines: string[] }> {
  // Array.isArray would narrow `tests` to any[]; test the unknown value instead.
  const given: unknown = tests;
  if (
    !Array.isArray(given) ||
    given.length === 0 ||
    tests.some((t) => typeof (t as Partial<ExerciseTest> | undefined)?.run !== "function")
  ) {
    throw new TypeError(
      `Cannot check '${label}': 'tests' must be a non-empty array of { name, run }`,
    );
  }
  const timeoutMs = options.timeoutMs ?? 10_000;
  const lines: string[] = [];
  let failed = 0;
  for (const test of tests) {
    const error = await runOne(test, timeoutMs);
    if (isTodo(error) && error !== undefined) {
      lines.push(unansweredLine(label));
      console.log(lines.join("\n"));
      return printable({ state: "unanswered" as const, lines }, lines.join("\n"));
    }
    if (error === undefined) lines.push(`✔ ${test.name}`);
    else {
      failed++;
      lines.push(`✘ ${test.name}: ${describeFailure(error)}`);
    }
  }
  const state: ExerciseState = failed === 0 ? "right" : "wrong";
  lines.push(
    state === "right"
      ? `✔ ${label}: all ${tests.length} test(s) pass`
      : `✘ ${label}: ${failed} of ${tests.length} test(s) fail (read the messages, fix, run again)`,
  );
  console.log(lines.join("\n"));
  return printable({ state, lines }, lines.join("\n"));
}

/** Runs one test; resolves with what it threw, or undefined when it passed. */
async function runOne(test: ExerciseTest, timeoutMs: number): Promise<unknown> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<Error>((resolve) => {
    timer = setTimeout(
      () =>
        resolve(new Error(`did not finish within ${timeoutMs} ms (is a promise never settled?)`)),
      timeoutMs,
    );
  });
  try {
    const ran = (async () => {
      await test.run();
      return undefined;
    })().catch((error: unknown) =>
      error === undefined ? new Error("rejected with undefined") : error,
    );
    return await Promise.race([ran, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

/** One line for a failed test: assert's expected/actual when present, else the message. */
function describeFailure(error: unknown): string {
  if (error instanceof Error) {
    const { expected, actual } = error as Error & { expected?: unknown; actual?: unknown };
    const first = error.message.split("\n")[0] ?? "";
    if (error.name === "AssertionError" && "expected" in error) {
      return `expected ${show(expected)}, got ${show(actual)}${/^Expected values/.test(first) ? "" : ` (${first})`}`;
    }
    return `${error.name}: ${first}`;
  }
  return `threw ${show(error)}`;
}

function show(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
