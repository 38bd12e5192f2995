// The messages between the pool and its workers: the built-in jobs and their results (public,
// re-exported by pool.ts), and a reader's function call and its outcome (internal). pool.ts and
// pool-worker.ts both import this module, so neither imports the other.

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

/** A call of a reader's function, as `WorkerPool.runTask` posts it. */
export interface TaskCall {
  module: string;
  exportName: string;
  arg: unknown;
}

/** An error's own primitive fields (`code`, `errno`, `path`, ...), its name, and its cause's. */
export interface ErrorFields {
  own: Record<string, unknown>;
  cause?: ErrorFields;
}

/** How a call went. An error travels as a structured clone, which keeps `message`, `stack` and
 * `cause` but drops a custom `name` and own fields such as `code`: those travel in `fields`. */
export type TaskOutcome = { threadId: number; startedAt: number; endedAt: number } & (
  { ok: true; value: unknown } | { ok: false; error: unknown; fields: ErrorFields | undefined }
);
