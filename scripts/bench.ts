// Measures the course's performance claims (fan-out, limiter vs p-limit, workers, keep-alive, headline).
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

type Limit = <R>(fn: () => PromiseLike<R>) => Promise<R>;

async function limitedRun(limit: Limit): Promise<number> {
  const done = Promise.resolve();
  const task = (): Promise<void> => done;
  const start = performance.now();
  await Promise.all(Array.from({ length: N }, () => limit(task)));
  return ((performance.now() - start) * 1000) / N;
}

/** Best of several alternating runs, so one garbage collection does not decide the comparison. */
async function limiters(): Promise<{ semaphore: number; plimit: number }> {
  let semaphore = Infinity;
  let plimit = Infinity;
  for (let round = 0; round < 5; round++) {
    semaphore = Math.min(semaphore, await limitedRun(lib.limiter(100)));
    plimit = Math.min(plimit, await limitedRun(pLimit(100)));
  }
  return { semaphore, plimit };
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
  semaphore_us_per_task: r(lim.semaphore),
  plimit_us_per_task: r(lim.plimit),
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
    result: `${result.semaphore_us_per_task} µs/task`,
    target: "<= p-limit",
  },
  {
    benchmark: "p-limit(100), 100,000 resolved tasks",
    result: `${result.plimit_us_per_task} µs/task`,
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
