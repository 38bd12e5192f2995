import * as path from "node:path";
import { availableParallelism } from "node:os";
import { Piscina } from "piscina";
import type { Timeline } from "../show/timeline.js";

/** A CPU job (count primes below `limit`) or an async job (`ops` simulated I/O waits of `ms`). */
export type PoolJob = { kind: "primes"; limit: number } | { kind: "io"; ops: number; ms: number };

/** A job's outcome. Times are epoch ms (`performance.timeOrigin + performance.now()`). */
export interface PoolResult {
  kind: PoolJob["kind"];
  /** The prime count, or the number of I/O ops done. */
  value: number;
  /** The worker thread that ran the job. */
  threadId: number;
  startedAt: number;
  endedAt: number;
  /** For "io" jobs: each op's own start and end inside the worker. */
  ops: { name: string; startedAt: number; endedAt: number }[];
}

/** Options for {@link WorkerPool.run}. */
export interface RunOptions {
  /** Cancels a job that has not finished; rejects with an AbortError. */
  signal?: AbortSignal;
  /** Records the job (and an io job's ops) on this timeline, one lane per worker thread. */
  timeline?: Timeline;
  /** The span name (default: the job kind). */
  name?: string;
}

/** A pool of worker threads; see {@link createPool}. */
export interface WorkerPool {
  /** How many worker threads the pool may use. */
  readonly threads: number;
  /** Runs a job on a free worker (queued when all are busy). */
  run(job: PoolJob, options?: RunOptions): Promise<PoolResult>;
  /** Waits for running jobs, then stops every thread so the process can exit. */
  close(): Promise<void>;
}

/**
 * Creates a pool of worker threads (piscina) that runs CPU jobs off the main event loop.
 *
 * @param options `threads`: how many workers (default `os.availableParallelism()`).
 * @returns The pool; always `await pool.close()` when done.
 * @throws {RangeError} When `threads` is not an integer >= 1.
 * @example
 * ```ts
 * const pool = createPool({ threads: 2 });
 * const result = await pool.run({ kind: "primes", limit: 200_000 }); // result.value === 17984
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
  return {
    threads,
    async run(job, runOptions = {}) {
      const kind = (job as { kind?: unknown } | undefined)?.kind;
      if (kind !== "primes" && kind !== "io") {
        throw new TypeError(`Cannot run job: 'kind' must be "primes" or "io", got ${String(kind)}`);
      }
      const { signal, timeline, name = job.kind } = runOptions;
      const result = (await piscina.run(job, { signal })) as PoolResult;
      if (timeline !== undefined) {
        const lane = `worker ${result.threadId}`;
        const items = result.ops.length > 0 ? result.ops : [{ name, ...result }];
        for (const op of items) timeline.record(op.name, op.startedAt, op.endedAt, { lane });
      }
      return result;
    },
    async close() {
      await piscina.close();
    },
  };
}
