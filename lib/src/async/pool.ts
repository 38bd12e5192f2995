import * as path from "node:path";
import { availableParallelism } from "node:os";
import { pathToFileURL } from "node:url";
import { Piscina } from "piscina";
import type { Timeline } from "../show/timeline.js";
import type { ErrorFields, PoolJob, PoolResult, TaskCall, TaskOutcome } from "./pool-types.js";

export type { PoolJob, PoolResult } from "./pool-types.js";

/** Options for {@link WorkerPool.run} and {@link WorkerPool.runTask}. */
export interface RunOptions {
  /**
   * Cancels a job that has not finished, rejecting with `signal.reason`: a waiting job leaves the
   * queue; a running one's worker thread is stopped (and replaced).
   */
  signal?: AbortSignal;
  /** Records the job (and an io job's ops) on this timeline, one lane per worker thread. */
  timeline?: Timeline;
  /** The span name (default: the job kind, or the task's export name). */
  name?: string;
}

/** A pool of worker threads; see {@link createPool}. */
export interface WorkerPool {
  /** How many worker threads the pool may use. */
  readonly threads: number;
  /** Runs a built-in job on a free worker (queued when all are busy). */
  run(job: PoolJob, options?: RunOptions): Promise<PoolResult>;
  /**
   * Runs a function you wrote on a free worker: the export `exportName` of the module at
   * `module`, called with `arg` (the module is loaded once per worker and then reused).
   *
   * @param module The module's `file:` URL (`new URL("./tasks.mjs", import.meta.url)`) or path;
   *   a relative path is resolved against `process.cwd()` (in a kernel: the notebook's folder).
   * @param exportName The exported function to call; it may be async.
   * @param arg Its one argument. `arg` and the result are copied between threads (structured
   *   clone): plain data, not functions or class instances.
   * @param options `signal`, `timeline` and `name`, as for `run`.
   * @returns What the function returned (or resolved to).
   * @throws {unknown} (as a rejection) The function's error, with its message, stack, name,
   *   primitive fields such as `code`, and `cause` (the same, down the cause chain); a TypeError
   *   when the export is not a function; `signal.reason` on abort.
   */
  runTask<R = unknown>(
    module: URL | string,
    exportName: string,
    arg?: unknown,
    options?: RunOptions,
  ): Promise<R>;
  /** Waits for running jobs, then stops every thread so the process can exit. */
  close(): Promise<void>;
}

/** The module's URL as the worker imports it, or an error naming the bad value. */
function moduleHref(module: unknown): string {
  if (module instanceof URL) return module.href;
  if (typeof module !== "string" || module === "") {
    throw new TypeError(
      `Cannot run task: 'module' must be a URL or a non-empty path, got ${module === "" ? '""' : typeof module}`,
    );
  }
  return /^(file|data):/.test(module) ? module : pathToFileURL(path.resolve(module)).href;
}

/** Puts back what the structured clone of a worker's error dropped, down its `cause` chain. */
function restoreFields(error: unknown, fields: ErrorFields | undefined): void {
  if (typeof error !== "object" || error === null || fields === undefined) return;
  for (const [key, value] of Object.entries(fields.own)) {
    if (key !== "name") (error as Record<string, unknown>)[key] = value;
    else if ((error as Error).name !== value) {
      // An own, non-enumerable name, as the lost class would have given it.
      Object.defineProperty(error, "name", { value, writable: true, configurable: true });
    }
  }
  restoreFields((error as { cause?: unknown }).cause, fields.cause);
}

/**
 * Creates a pool of worker threads (piscina) that runs CPU jobs off the main event loop: the two
 * built-in jobs (`run`), or a function of your own from a module file (`runTask`).
 *
 * @param options `threads`: how many workers (default `os.availableParallelism()`).
 * @returns The pool; always `await pool.close()` when done.
 * @throws {RangeError} When `threads` is not an integer >= 1.
 * @example
 * ```ts
 * // tasks.mjs: export function wordCount(text) { return text.split(/\s+/).length; }
 * const tasks = new URL("./tasks.mjs", import.meta.url); // in a notebook: "./tasks.mjs"
 * const pool = createPool({ threads: 2 });
 * const result = await pool.run({ kind: "primes", limit: 200_000 }); // result.value === 17984
 * const words = await pool.runTask<number>(tasks, "wordCount", "a b c"); // 3
 * await pool.close();
 * ```
 */
export function createPool(options: { threads?: number } = {}): WorkerPool {
  const threads = options.threads ?? availableParallelism();
  if (!Number.isInteger(threads) || threads < 1) {
    throw new RangeError(`Cannot create pool: 'threads' must be an integer >= 1, got ${threads}`);
  }
  const piscina = new Piscina({
    filename: path.join(__dirname, "pool-worker.js"),
    minThreads: threads,
    maxThreads: threads,
  });

  /** Piscina's run, rejecting with `signal.reason` on abort (piscina wraps it as the cause). */
  const post = async (task: unknown, name: string, signal?: AbortSignal): Promise<unknown> => {
    try {
      return (await piscina.run(task, { name, signal })) as unknown;
    } catch (error) {
      if (signal?.aborted && (error as { cause?: unknown } | null)?.cause === signal.reason) {
        throw signal.reason;
      }
      throw error;
    }
  };

  return {
    threads,
    async run(job, runOptions = {}) {
      const kind = (job as { kind?: unknown } | undefined)?.kind;
      if (kind !== "primes" && kind !== "io") {
        throw new TypeError(`Cannot run job: 'kind' must be "primes" or "io", got ${String(kind)}`);
      }
      const { signal, timeline, name = job.kind } = runOptions;
      const result = (await post(job, "default", signal)) as PoolResult;
      if (timeline !== undefined) {
        const lane = `worker ${result.threadId}`;
        const items = result.ops.length > 0 ? result.ops : [{ name, ...result }];
        for (const op of items) timeline.record(op.name, op.startedAt, op.endedAt, { lane });
      }
      return result;
    },
    async runTask<R>(
      module: URL | string,
      exportName: string,
      arg?: unknown,
      runOptions: RunOptions = {},
    ) {
      const href = moduleHref(module);
      if (typeof exportName !== "string" || exportName === "") {
        throw new TypeError(
          `Cannot run task: 'exportName' must be a non-empty string, got ${exportName === "" ? '""' : typeof exportName}`,
        );
      }
      const { signal, timeline, name = exportName } = runOptions;
      const call: TaskCall = { module: href, exportName, arg };
      const outcome = (await post(call, "runTask", signal)) as TaskOutcome;
      timeline?.record(name, outcome.startedAt, outcome.endedAt, {
        lane: `worker ${outcome.threadId}`,
        status: outcome.ok ? "ok" : "error",
      });
      if (outcome.ok) return outcome.value as R;
      restoreFields(outcome.error, outcome.fields);
      throw outcome.error;
    },
    async close() {
      await piscina.close();
    },
  };
}
