// Measures the course's performance claims (fan-out, limiter vs p-limit, workers, keep-alive, headline).
import { AsyncLocalStorage } from "node:async_hooks";
import { existsSync, readdirSync, statSync } from "node:fs";
import * as http from "node:http";
import { availableParallelism } from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import pLimit from "p-limit";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Fails early when lib/dist is missing or older than lib/src, with the command that fixes it. */
function checkLibBuilt(): void {
  const dist = path.join(root, "lib", "dist", "index.js");
  const src = path.join(root, "lib", "src");
  const files = readdirSync(src, { recursive: true, encoding: "utf8" });
  const newest = Math.max(...files.map((f) => statSync(path.join(src, f)).mtimeMs));
  if (!existsSync(dist) || statSync(dist).mtimeMs < newest) {
    console.error(
      "bench: lib/dist is missing or older than lib/src. Build it first: npm run build",
    );
    process.exit(1);
  }
}

checkLibBuilt();
const lib = await import("@async-ts/lib");
const json = process.argv.includes("--json");
const N = 100_000;

/** Best of three: the machine may be shared, and the least disturbed run is the honest one. */
async function fanout(): Promise<number> {
  let best = Infinity;
  for (let round = 0; round < 3; round++) {
    const start = performance.now();
    await Promise.all(Array.from({ length: N }, () => lib.sleep(10)));
    best = Math.min(best, ((performance.now() - start - 10) * 1000) / N);
  }
  return best;
}

type Limit = <A extends unknown[], R>(fn: (...args: A) => PromiseLike<R>, ...args: A) => Promise<R>;

/** µs per task for 100,000 tasks that return an already resolved promise, all queued at once. */
async function limitedRun(limit: Limit): Promise<number> {
  const done = Promise.resolve();
  const task = (): Promise<void> => done;
  const start = performance.now();
  await Promise.all(Array.from({ length: N }, () => limit(task)));
  return ((performance.now() - start) * 1000) / N;
}

/**
 * The same run with an AsyncLocalStorage in use, each task queued in its own context and checking
 * it sees that context (the guarantee p-limit gives and our limiter now gives too): this is where
 * keeping the caller's context costs, since Node then tracks every promise.
 */
async function limitedRunWithContext(
  limit: Limit,
  store: AsyncLocalStorage<number>,
): Promise<number> {
  const done = Promise.resolve();
  let wrong = 0;
  const task = (id: number): Promise<void> => {
    if (store.getStore() !== id) wrong++;
    return done;
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: N }, (_, id) => store.run(id, () => limit(task, id))));
  const us = ((performance.now() - start) * 1000) / N;
  if (wrong > 0)
    throw new Error(`bench: ${wrong} of ${N} tasks ran in another task's async context`);
  return us;
}

/**
 * Best µs/task of each limiter over `rounds` runs of the identical workload, alternating which
 * goes first, so neither one garbage collection nor running second decides the comparison.
 */
async function bestOf(
  rounds: number,
  run: (limit: Limit) => Promise<number>,
): Promise<{ ours: number; plimit: number }> {
  const best = { ours: Infinity, plimit: Infinity };
  const runOurs = async (): Promise<void> => {
    best.ours = Math.min(best.ours, await run(lib.limiter(100)));
  };
  const runTheirs = async (): Promise<void> => {
    best.plimit = Math.min(best.plimit, await run(pLimit(100)));
  };
  for (let round = 0; round < rounds; round++) {
    for (const step of round % 2 === 0 ? [runOurs, runTheirs] : [runTheirs, runOurs]) await step();
  }
  return best;
}

async function limiters(): Promise<Record<"plain" | "context", { ours: number; plimit: number }>> {
  const plain = await bestOf(7, limitedRun);
  // Last, because an AsyncLocalStorage in use slows every promise until it is disabled.
  const store = new AsyncLocalStorage<number>();
  const context = await bestOf(5, (limit) => limitedRunWithContext(limit, store));
  store.disable();
  return { plain, context };
}

async function workers(): Promise<{ speedup: number; jobs: number; threads: number }> {
  const threads = availableParallelism();
  const jobs = Array.from({ length: 4 * threads }, () => ({
    kind: "primes" as const,
    limit: 900_000,
  }));
  const pool = lib.createPool({ threads });
  try {
    // Start every thread before timing: the comparison is about running jobs, not spawning.
    await Promise.all(
      Array.from({ length: threads }, () => pool.run({ kind: "primes", limit: 10 })),
    );
    let serial = Infinity;
    let parallel = Infinity;
    for (let round = 0; round < 3; round++) {
      let start = performance.now();
      for (const job of jobs) lib.countPrimes(job.limit);
      serial = Math.min(serial, performance.now() - start);
      start = performance.now();
      await Promise.all(jobs.map((job) => pool.run(job)));
      parallel = Math.min(parallel, performance.now() - start);
    }
    return { speedup: serial / parallel, jobs: jobs.length, threads };
  } finally {
    await pool.close();
  }
}

function get(port: number, agent: http.Agent | false): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: "127.0.0.1", port, path: "/", agent }, (res) => {
      res.resume();
      res.on("end", resolve);
      res.on("error", reject);
    });
    req.on("error", reject);
  });
}

async function keepAlive(): Promise<number> {
  const server = http.createServer((_req, res) => res.end("ok"));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  const run = async (agent: http.Agent | false): Promise<number> => {
    const limit = lib.limiter(10);
    const start = performance.now();
    await Promise.all(Array.from({ length: 2000 }, () => limit(get, port, agent)));
    return performance.now() - start;
  };
  const agent = new http.Agent({ keepAlive: true, maxSockets: 10 });
  try {
    await run(agent); // warm-up
    const fresh = await run(false);
    const reused = await run(agent);
    return fresh / reused;
  } finally {
    agent.destroy();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

async function headline(): Promise<{ ratio: number; sequential: number; concurrent: number }> {
  const saved = process.env[lib.TIME_SCALE_ENV];
  process.env[lib.TIME_SCALE_ENV] = "0.2"; // 5 guide seconds of sequential work take 1 real second
  try {
    await Promise.all([lib.simulate("warm-up", 10, 0), lib.simulate("warm-up", 10, 0)]);
    let start = performance.now();
    await lib.simulate("A", 3000, 1);
    await lib.simulate("B", 2000, 2);
    const sequential = performance.now() - start;
    start = performance.now();
    await Promise.all([lib.simulate("A", 3000, 1), lib.simulate("B", 2000, 2)]);
    const concurrent = performance.now() - start;
    return { ratio: sequential / concurrent, sequential, concurrent };
  } finally {
    if (saved === undefined) delete process.env[lib.TIME_SCALE_ENV];
    else process.env[lib.TIME_SCALE_ENV] = saved;
  }
}

const h = await headline();
const fan = await fanout();
const lim = await limiters();
const w = await workers();
const ka = await keepAlive();

const r = (n: number, digits = 2): number => Number(n.toFixed(digits));
const result = {
  fanout_us_per_task: r(fan),
  semaphore_us_per_task: r(lim.plain.ours),
  plimit_us_per_task: r(lim.plain.plimit),
  plimit_over_semaphore: r(lim.plain.plimit / lim.plain.ours),
  semaphore_context_us_per_task: r(lim.context.ours),
  plimit_context_us_per_task: r(lim.context.plimit),
  plimit_over_semaphore_context: r(lim.context.plimit / lim.context.ours),
  worker_speedup: r(w.speedup),
  keepalive_speedup: r(ka),
  headline_ratio: r(h.ratio, 4),
};

const rows = [
  {
    benchmark: "fan-out: 100,000 × 10 ms timers, Promise.all",
    result: `${result.fanout_us_per_task} µs/task`,
    target: "<= 10 µs",
  },
  {
    benchmark: "lib limiter(100), 100,000 resolved tasks",
    result: `${result.semaphore_us_per_task} µs/task (${result.plimit_over_semaphore}× p-limit's speed)`,
    target: ">= 1.0× p-limit",
  },
  {
    benchmark: "p-limit(100), 100,000 resolved tasks",
    result: `${result.plimit_us_per_task} µs/task`,
    target: "",
  },
  {
    benchmark: "lib limiter(100), same, each task in its own AsyncLocalStorage context",
    result: `${result.semaphore_context_us_per_task} µs/task (${result.plimit_over_semaphore_context}× p-limit's speed)`,
    target: ">= 1.0× p-limit",
  },
  {
    benchmark: "p-limit(100), same, each task in its own AsyncLocalStorage context",
    result: `${result.plimit_context_us_per_task} µs/task`,
    target: "",
  },
  {
    benchmark: `worker pool: ${w.jobs} prime jobs on ${w.threads} threads`,
    result: `${result.worker_speedup}× faster`,
    target: ">= 1.8× on 2 cores",
  },
  {
    benchmark: "HTTP keep-alive: 2,000 GETs, 10 at a time",
    result: `${result.keepalive_speedup}× faster`,
    target: ">= 1.5×",
  },
  {
    benchmark: "headline: 3 s + 2 s sequential vs concurrent",
    result: `${result.headline_ratio} (${(h.sequential / 1000).toFixed(3)} s / ${(h.concurrent / 1000).toFixed(3)} s)`,
    target: "5/3 ± 2%",
  },
];
console.log(lib.formatTable(rows).text);
if (json) console.log(JSON.stringify(result));
