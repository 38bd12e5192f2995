// Internal: the code each pool worker runs. Piscina loads the compiled file (dist/pool-worker.js).
import { threadId } from "node:worker_threads";
import { countPrimes } from "../measure/count-primes.js";
import { sleep } from "./sleep.js";
import type { PoolJob, PoolResult } from "./pool.js";

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
