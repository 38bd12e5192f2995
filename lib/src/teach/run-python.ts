// A Python program in a child `python3` process, so a notebook can set the guide's code beside its own.
import { execFile } from "node:child_process";
import { printable } from "../show/printable.js";

/** What {@link runPython} found: Python's output, or why there is none. */
export interface PythonRun {
  /** `false` when no `python3` could be started (then `stdout` is empty and `message` says why). */
  available: boolean;
  /** The exit code, or `null` when Python could not be started or a signal ended it. */
  exitCode: number | null;
  stdout: string;
  stderr: string;
  /** One line: Python's output when it ran, else what went wrong and how to fix it. */
  message: string;
}

/**
 * Runs a Python program with `python3 -c`, passing it `args` (read them from `sys.argv[1:]`).
 * A missing `python3` or a failing program is reported, not thrown, so the notebook carries on
 * and says why the Python side is missing.
 * @param program The program's source.
 * @param args Arguments for the program, such as the kernel's time scale.
 * @param options `timeoutMs` after which the child is killed (default 60000 real ms).
 * @returns What happened; as a cell's last value it shows as `message`.
 * @throws {TypeError} (as a rejection) When `program` is not a string or `args` not strings.
 * @example
 * ```ts
 * const run = await runPython("import sys; print(int(sys.argv[1]) * 2)", ["21"]);
 * run.stdout; // "42\n" (or run.available is false when python3 is missing)
 * ```
 */
export async function runPython(
  program: string,
  args: readonly string[] = [],
  options: { timeoutMs?: number } = {},
): Promise<PythonRun> {
  if (typeof program !== "string") {
    throw new TypeError(`Cannot run python: 'program' must be a string, got ${typeof program}`);
  }
  const given: unknown = args;
  if (!Array.isArray(given) || given.some((a) => typeof a !== "string")) {
    throw new TypeError(
      `Cannot run python: 'args' must be an array of strings, got ${String(given)}`,
    );
  }
  const timeout = options.timeoutMs ?? 60_000;
  const run = await new Promise<PythonRun>((resolve) => {
    execFile("python3", ["-c", program, ...args], { timeout }, (error, stdout, stderr) => {
      const code = (error as { code?: unknown } | null)?.code;
      if (code === "ENOENT") {
        const message =
          "python3 not found: the Python side is skipped (install Python 3 to compare)";
        resolve({ available: false, exitCode: null, stdout: "", stderr: "", message });
        return;
      }
      const exitCode = error === null ? 0 : typeof code === "number" ? code : null;
      const lastError = stderr.trim().split("\n").at(-1) ?? "";
      const message =
        exitCode === 0 ? stdout.trimEnd() : `python3 failed (exit code ${exitCode}): ${lastError}`;
      resolve({ available: true, exitCode, stdout, stderr, message });
    });
  });
  return printable(run, run.message);
}
