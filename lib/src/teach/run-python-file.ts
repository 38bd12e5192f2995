// Runs a Python file that prints one JSON line, for the notebooks' side-by-side comparisons.
import { execFile } from "node:child_process";

/** Options for {@link runPythonFile}. */
export interface RunPythonFileOptions {
  /** The Python command (default `"python3"`; on Windows often `"py"`). */
  command?: string;
  /** Kill the program after this many real ms (default 60000). */
  timeoutMs?: number;
}

/**
 * Runs a Python program in a child process and parses the last line it prints as JSON. The
 * program runs in the caller's working directory (in a kernel: the notebook's folder) and
 * environment.
 *
 * @param script The program's path, e.g. `"python/async_multi_thread.py"`.
 * @param args Its command-line arguments.
 * @param options `command` (default `"python3"`) and `timeoutMs` (default 60000).
 * @returns The parsed JSON of the program's last line of output.
 * @throws {TypeError} (as a rejection) When `script` is not a non-empty string or `args` is not
 *   an array of strings.
 * @throws {Error} (as a rejection) "could not run python3: …" when Python is missing, the program
 *   fails or times out, or its last line is not JSON; the underlying error is the `cause`.
 * @example
 * ```ts
 * const result = await runPythonFile("python/async_multi_thread.py", ["1"]);
 * // { GIL: true, "asyncio, one thread": 1, … }
 * ```
 */
export async function runPythonFile(
  script: string,
  args: readonly string[] = [],
  options: RunPythonFileOptions = {},
): Promise<unknown> {
  if (typeof script !== "string" || script === "") {
    throw new TypeError(`Cannot run python: 'script' must be a non-empty path, got '${script}'`);
  }
  const given: unknown = args;
  if (!Array.isArray(given) || given.some((a) => typeof a !== "string")) {
    throw new TypeError(
      `Cannot run python: 'args' must be an array of strings, got ${typeof given}`,
    );
  }
  const { command = "python3", timeoutMs = 60_000 } = options;
  let stdout: string;
  try {
    stdout = await new Promise<string>((resolve, reject) => {
      execFile(command, [script, ...args], { timeout: timeoutMs }, (error, out, err) =>
        error ? reject(new Error(lastLine(err) || error.message, { cause: error })) : resolve(out),
      );
    });
  } catch (error) {
    throw new Error(`could not run ${command}: ${firstLine((error as Error).message)}`, {
      cause: error,
    });
  }
  const last = stdout.trim().split("\n").pop() ?? "";
  try {
    return JSON.parse(last) as unknown;
  } catch (error) {
    throw new Error(`could not run ${command}: its last line is not JSON: '${last}'`, {
      cause: error,
    });
  }
}

function firstLine(text: string): string {
  return text.trim().split("\n")[0] ?? "";
}

/** A Python traceback ends with the error itself. */
function lastLine(text: string): string {
  return text.trim().split("\n").pop() ?? "";
}
