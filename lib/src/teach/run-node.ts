// Runs a TypeScript snippet in a child `node` process: how a crash looks outside the notebook kernel.
import { execFile } from "node:child_process";
import { printable } from "../show/printable.js";

/** What {@link runNode} saw the child do. */
export interface NodeRun {
  /** The child's exit code; `null` when a signal ended it (a timeout, say). */
  exitCode: number | null;
  /** The signal that ended the child, such as `"SIGTERM"` after a timeout, else `null`. */
  signal: string | null;
  /** What the child printed, with absolute paths shortened to their file names. */
  stdout: string;
  stderr: string;
  /** The first line of stderr ("" when it printed nothing to stderr). */
  firstStderrLine: string;
  /** The first stderr line that names an error, such as `"Error: b failed"` ("" when none). */
  errorLine: string;
}

type TS = typeof import("typescript");
let loaded: TS | undefined;

/**
 * Compiles a TypeScript snippet (types are stripped, not checked) to an ES module and runs it with
 * `node --input-type=module -e` in the current directory, with this process's environment (so the
 * time scale carries over, and `@async-ts/lib` can be imported). A non-zero exit is reported, not
 * thrown: that is what it is for.
 * @param source TypeScript code; top-level `await` and `import` work.
 * @param options `timeoutMs`: real milliseconds before the child is killed (default 30000).
 * @returns `{ exitCode, signal, stdout, stderr, firstStderrLine, errorLine }`; as a cell's last
 *   value it shows as a short report.
 * @throws {TypeError} (as a rejection) When `source` is not a string.
 * @example
 * ```ts
 * const run = await runNode(`void Promise.reject(new Error("nobody listens"));`);
 * run.exitCode; // 1
 * run.errorLine; // "Error: nobody listens"
 * ```
 */
export async function runNode(
  source: string,
  options: { timeoutMs?: number } = {},
): Promise<NodeRun> {
  if (typeof source !== "string") {
    throw new TypeError(`Cannot run in node: 'source' must be a string, got ${typeof source}`);
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ts = (loaded ??= require("typescript") as TS);
  const js = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022 },
  }).outputText;
  const args = ["--input-type=module", "-e", js];
  const ran = await new Promise<NodeRun>((resolve) => {
    execFile(
      process.execPath,
      args,
      { timeout: options.timeoutMs ?? 30_000, encoding: "utf8" },
      (error, stdout, stderr) => {
        const failed = error as (Error & { code?: unknown; signal?: string | null }) | null;
        const exitCode = failed === null ? 0 : typeof failed.code === "number" ? failed.code : null;
        const err = shortenPaths(stderr);
        resolve({
          exitCode,
          signal: failed?.signal ?? null,
          stdout: shortenPaths(stdout),
          stderr: err,
          firstStderrLine: err.split("\n")[0] ?? "",
          errorLine: err.split("\n").find((line) => /^\w*(Error|Exception)\b/.test(line)) ?? "",
        });
      },
    );
  });
  const text = [
    `exit code ${ran.exitCode ?? `none (ended by ${ran.signal})`}`,
    `stdout: ${ran.stdout.trim() === "" ? "(nothing)" : ran.stdout.trim()}`,
    ...(ran.stderr === "" ? [] : [`stderr, first line: ${ran.firstStderrLine}`]),
    ...(ran.errorLine === "" ? [] : [`error: ${ran.errorLine}`]),
  ].join("\n");
  return printable(ran, text);
}

/** Shortens absolute paths and file URLs to their last segment, so no machine path is shown. */
function shortenPaths(text: string): string {
  return text.replace(/(?<=^|[\s('"])(?:file:\/\/)?(?:\/[^\s/:()'"]+)+\/(?=[^\s/:()'"])/gm, "");
}
