// Internal: the code each pool worker runs. Piscina loads the compiled file (dist/pool-worker.js).
import { threadId } from "node:worker_threads";
import { countPrimes } from "../measure/count-primes.js";
import { sleep } from "./sleep.js";
import type { ErrorFields, PoolJob, PoolResult, TaskCall, TaskOutcome } from "./pool-types.js";

/** Wall-clock milliseconds comparable across threads (each thread has its own performance.now). */
const epochNow = (): number => performance.timeOrigin + performance.now();

export default async function runJob(job: PoolJob): Promise<PoolResult> {
  const startedAt = epochNow();
  if (job.kind === "primes") {
    const count = countPrimes(job.limit);
    return { kind: "primes", value: count, threadId, startedAt, endedAt: epochNow(), ops: [] };
  }
  // Each worker has its own event loop, so these waits overlap inside the worker too.
  const ops = await Promise.all(
    Array.from({ length: job.ops }, async (_, i) => {
      const start = epochNow();
      await sleep(job.ms);
      return { name: `io ${i + 1}`, startedAt: start, endedAt: epochNow() };
    }),
  );
  return { kind: "io", value: ops.length, threadId, startedAt, endedAt: epochNow(), ops };
}

function fieldsOf(error: unknown, depth = 0): ErrorFields | undefined {
  if (typeof error !== "object" || error === null || depth > 8) return undefined;
  const own: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(error)) {
    if (value === null || (typeof value !== "object" && typeof value !== "function")) {
      own[key] = value;
    }
  }
  if (error instanceof Error) own.name = error.name;
  return { own, cause: fieldsOf((error as { cause?: unknown }).cause, depth + 1) };
}

/** A value that postMessage can send: the error itself, or an Error describing it. */
function sendable(error: unknown): unknown {
  try {
    structuredClone(error);
    return error;
  } catch {
    return new Error(
      `Task failed with a value that cannot be sent between threads: ${String(error)}`,
    );
  }
}

export async function runTask(call: TaskCall): Promise<TaskOutcome> {
  const startedAt = epochNow();
  try {
    const exported = ((await import(call.module)) as Record<string, unknown>)[call.exportName];
    if (typeof exported !== "function") {
      throw new TypeError(
        `Cannot run task: '${call.exportName}' is not a function exported by ${call.module}, got ${typeof exported}`,
      );
    }
    const value: unknown = await (exported as (arg: unknown) => unknown)(call.arg);
    return { ok: true, value, threadId, startedAt, endedAt: epochNow() };
  } catch (error) {
    const fields = fieldsOf(error);
    return { ok: false, error: sendable(error), fields, threadId, startedAt, endedAt: epochNow() };
  }
}
