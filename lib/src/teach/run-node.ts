// A snippet in a fresh `node` process: what a crash does to a real server, without killing the kernel.
import { spawn } from "node:child_process";
import { homedir } from "node:os";
import { pathToFileURL } from "node:url";
import { printable } from "../show/printable.js";
import { transpileSnippet } from "./transpile-snippet.js";

/** Options for {@link runNode}. */
export interface RunNodeOptions {
  /** Node flags put before the script, e.g. `["--unhandled-rejections=warn"]`. */
  flags?: readonly string[];
  /** Kill the child (SIGKILL) after this many real ms (default 30000). */
  timeoutMs?: number;
}

/** What the child process did. Paths are shortened and `(node:1234)` reads `(node:PID)`. */
export interface NodeRun {
  /** The exit code, or `null` when a signal ended the process. */
  exitCode: number | null;
  /** The signal that ended the process (`SIGKILL` after `timeoutMs`), else `null`. */
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** The first line of stderr ("" when it printed nothing there). */
  firstStderrLine: string;
  /** The first stderr line naming an error or warning, e.g. `"Error: duplicate key: ada"`. */
  errorLine: string | undefined;
  /** Wall time of the whole run, in real milliseconds. */
  realMs: number;
}

/**
 * Runs a snippet in a child `node` process (the kernel's own Node) and reports its exit code and
 * output, so a notebook can show an unhandled rejection ending a process, or a warning Node prints
 * once per process, the way a server meets them. The snippet is TypeScript or JavaScript (types are
 * stripped, not checked) and runs as an ES module: top-level `await` and `import` work, in the
 * kernel's working directory and environment (so the time scale carries over and `@async-ts/lib`
 * imports). A non-zero exit is reported, not thrown: that is what it is for.
 *
 * @param source The snippet.
 * @param options `flags` for node, `timeoutMs` after which the child is killed (default 30000).
 * @returns What the process did; as a cell's last value it shows as "exit code …" and its output.
 * @throws {TypeError} (as a rejection) When `source` is not a string or `flags` not an array of
 *   strings.
 * @throws {RangeError} (as a rejection) When `timeoutMs` is not a positive number.
 * @example
 * ```ts
 * const run = await runNode("Promise.reject(new Error('lost'))");
 * run.exitCode; // 1: since Node 15 an unhandled rejection ends the process
 * run.errorLine; // "Error: lost"
 * ```
 */
export async function runNode(source: string, options: RunNodeOptions = {}): Promise<NodeRun> {
  if (typeof source !== "string") {
    throw new TypeError(`Cannot run node: 'source' must be a string, got ${typeof source}`);
  }
  const { flags = [], timeoutMs = 30_000 } = options;
  // Array.isArray would narrow `flags` to any[]; test the unknown value instead.
  const given: unknown = flags;
  if (!Array.isArray(given) || given.some((f) => typeof f !== "string")) {
    throw new TypeError(
      `Cannot run node: 'flags' must be an array of strings, got ${String(given)}`,
    );
  }
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    throw new RangeError(`Cannot run node: 'timeoutMs' must be a number > 0, got ${timeoutMs}`);
  }
  const started = performance.now();
  const { javascript } = transpileSnippet(source);
  const child = spawn(process.execPath, [...flags, "--input-type=module", "-e", javascript], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
  try {
    const [exitCode, signal] = await new Promise<[number | null, NodeJS.Signals | null]>(
      (resolve, reject) => {
        child.once("error", reject);
        // "close", not "exit": by then both pipes are drained, so no output is lost.
        child.once("close", (code, sig) => resolve([code, sig]));
      },
    );
    const err = scrub(stderr);
    const run = {
      exitCode,
      signal,
      stdout: scrub(stdout),
      stderr: err,
      firstStderrLine: err.split("\n")[0] ?? "",
      errorLine: errorLineOf(err),
      realMs: performance.now() - started,
    };
    return printable(run, describe(run));
  } finally {
    clearTimeout(timer);
  }
}

/** Hides what differs from machine to machine and run to run: paths and the process id. */
function scrub(text: string): string {
  const home = homedir();
  let out = text.split(`${pathToFileURL(process.cwd()).href}/`).join("");
  out = out.split(process.cwd()).join(".");
  if (home.length > 1) out = out.split(home).join("~");
  return out.replace(/\(node:\d+\)/g, "(node:PID)");
}

function errorLineOf(stderr: string): string | undefined {
  const named = /^(?:\(node:PID\) )?(?:[A-Za-z_$][\w$]*)?(?:Error|Exception|Warning)\b.*$/m;
  return named.exec(stderr)?.[0];
}

function describe(run: Omit<NodeRun, "realMs">): string {
  const end = run.signal === null ? `exit code ${run.exitCode}` : `killed by ${run.signal}`;
  const out = run.stdout
    .trimEnd()
    .split("\n")
    .filter((l) => l !== "");
  const lines = [end, ...out.map((l) => `stdout | ${l}`)];
  if (run.errorLine !== undefined) lines.push(`stderr | ${run.errorLine}`);
  else if (run.stderr.trim() !== "") lines.push(`stderr | ${run.stderr.trim().split("\n")[0]}`);
  return lines.join("\n");
}
