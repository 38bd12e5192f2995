// Runs a snippet that needs a newer TypeScript than tslab's bundled 5.0 (`await using`, say).
import { printable } from "../show/printable.js";
import { runNode } from "./run-node.js";
import { transpileSnippet } from "./transpile-snippet.js";

/** What a snippet run by {@link runTypeScript} did. */
export interface SnippetRun {
  /** The child process's exit code (0: it ran to the end). */
  exitCode: number;
  /** Everything the snippet printed to stdout. */
  stdout: string;
  /** Everything it printed to stderr (an uncaught error's stack, warnings). */
  stderr: string;
}

/**
 * Compiles a TypeScript snippet with the project's TypeScript (5.9, so newer syntax such as
 * `await using` works where tslab's bundled 5.0 refuses it) and runs it as an ES module in a
 * child `node` process. The snippet may use top-level `await` and import `node:` modules or
 * installed packages; it runs in the current working directory.
 *
 * Only syntax is checked: type errors do not stop the run (see `compileErrors` for those).
 *
 * @param source TypeScript source code.
 * @param options `timeoutMs`: how long the child may run before it is killed (default 30000).
 * @returns What the child printed and its exit code. As a cell's last value (or in console.log)
 *   it shows as the child's output, then its stderr and a non-zero exit code when there are any.
 *   Stack traces in stderr name the snippet `[eval1]`, without the working directory's path.
 * @throws {TypeError} (as a rejection) When `source` is not a string.
 * @throws {SyntaxError} (as a rejection) When the snippet does not parse; the message lists the
 *   diagnostics as "line:col - TSnnnn: message".
 * @throws {Error} (as a rejection) When the child does not finish within `timeoutMs`.
 * @example
 * ```ts
 * const run = await runTypeScript(`
 *   await using resource = { async [Symbol.asyncDispose]() { console.log("closed"); } };
 *   console.log("using it");
 * `);
 * run.stdout; // "using it\nclosed\n"
 * ```
 */
export async function runTypeScript(
  source: string,
  options: { timeoutMs?: number } = {},
): Promise<SnippetRun> {
  if (typeof source !== "string") {
    throw new TypeError(`Cannot run snippet: 'source' must be a string, got ${typeof source}`);
  }
  const timeoutMs = options.timeoutMs ?? 30_000;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    throw new RangeError(`Cannot run snippet: 'timeoutMs' must be a number > 0, got ${timeoutMs}`);
  }
  const { syntaxErrors } = transpileSnippet(source);
  if (syntaxErrors.length > 0) {
    throw new SyntaxError(`Cannot run snippet: it does not compile:\n${syntaxErrors.join("\n")}`);
  }
  const run = await runNode(source, { timeoutMs });
  if (run.signal !== null) {
    throw new Error(`Cannot run snippet: it did not finish within ${timeoutMs} ms (killed)`);
  }
  const { exitCode, stdout, stderr } = { ...run, exitCode: run.exitCode ?? -1 };
  const shown = [stdout.trimEnd()];
  if (stderr !== "") shown.push(`stderr:\n${stderr.trimEnd()}`);
  if (exitCode !== 0) shown.push(`exit code ${exitCode}`);
  return printable({ exitCode, stdout, stderr }, shown.filter((s) => s !== "").join("\n"));
}
