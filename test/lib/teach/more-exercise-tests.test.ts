import assert from "node:assert/strict";
import { setImmediate as yieldToLoop } from "node:timers/promises";
import { Worker } from "node:worker_threads";
import {
  checkCode,
  COUNT_PRIMES_WORKER,
  countInWorkerTests,
  countPrimes,
  longestStall,
  mapConcurrentTests,
  retryTransientTests,
  yieldChunksTests,
  type CountPrimesInWorker,
  type MapConcurrent,
  type RetryTransient,
  type SumRootsChunked,
} from "@async-ts/lib";
import { quietly } from "../helpers.js";

const transient = [429, 500, 503];

describe("retryTransientTests()", () => {
  const solution: RetryTransient = async (call, attempts, baseMs) => {
    for (let n = 1; ; n++) {
      try {
        return await call();
      } catch (error) {
        const status = (error as { status?: number }).status ?? 0;
        if (n >= attempts || !transient.includes(status)) throw error;
        const wait = baseMs * 2 ** (n - 1);
        await new Promise((resolve) => setTimeout(resolve, wait / 2 + (Math.random() * wait) / 2));
      }
    }
  };

  it("runs its documented example: the model answer passes every test", async () => {
    const result = await quietly(() =>
      checkCode("retryTransient()", retryTransientTests(solution)),
    );
    assert.equal(result.state, "right", result.lines.join("\n"));
  });

  it("fails an answer that retries a 400 and does not wait", async () => {
    const eager: RetryTransient = async (call, attempts) => {
      for (let n = 1; ; n++) {
        try {
          return await call();
        } catch (error) {
          if (n >= attempts) throw error;
        }
      }
    };
    const result = await quietly(() => checkCode("retryTransient()", retryTransientTests(eager)));
    assert.equal(result.state, "wrong");
    const failed = result.lines.filter((l) => l.startsWith("✘ ")).join("\n");
    assert.match(failed, /✘ waits before each retry/);
    assert.match(failed, /✘ 400 INVALID_ARGUMENT is not retried/);
  });

  it("reports the stub as not answered", async () => {
    const stub: RetryTransient = () => {
      throw new Error("TODO: retry");
    };
    const result = await quietly(() => checkCode("retryTransient()", retryTransientTests(stub)));
    assert.equal(result.state, "unanswered");
  });

  it("names a bad argument", () => {
    assert.throws(() => retryTransientTests(3 as never), /expected a function, got number/);
  });
});

describe("countInWorkerTests()", () => {
  it("runs its documented example: a Worker wrapped in a promise passes every test", async () => {
    const solution: CountPrimesInWorker = (limit) =>
      new Promise((resolve, reject) => {
        const worker = new Worker(COUNT_PRIMES_WORKER, { eval: true, workerData: limit });
        worker.once("message", resolve);
        worker.once("error", reject);
        worker.once("exit", (code) => reject(new Error(`the worker exited with code ${code}`)));
      });
    const result = await quietly(() =>
      checkCode("countPrimesInWorker()", countInWorkerTests(solution)),
    );
    assert.equal(result.state, "right", result.lines.join("\n"));
  });

  it("fails an answer with no 'exit' listener: a worker that quits leaves it pending", async function () {
    this.timeout(20_000); // the test waits 5 s for the promise before it gives up
    const noExit: CountPrimesInWorker = (limit) =>
      new Promise((resolve, reject) => {
        const worker = new Worker(COUNT_PRIMES_WORKER, { eval: true, workerData: limit });
        worker.once("message", resolve);
        worker.once("error", reject);
      });
    const result = await quietly(() =>
      checkCode("countPrimesInWorker()", countInWorkerTests(noExit)),
    );
    assert.equal(result.state, "wrong");
    assert.match(result.lines.join("\n"), /✘ a worker that exits without posting .*'exit' event/);
  });

  it("fails an answer that counts on the main thread: the loop is stuck", async () => {
    const onMain: CountPrimesInWorker = (limit) => Promise.resolve(countPrimes(Math.max(0, limit)));
    const result = await quietly(() =>
      checkCode("countPrimesInWorker()", countInWorkerTests(onMain)),
    );
    assert.equal(result.state, "wrong");
    assert.match(result.lines.join("\n"), /✘ keeps the event loop free: .*the loop was stuck/);
  });

  it("reports the stub as not answered", async () => {
    const stub: CountPrimesInWorker = () => Promise.reject(new Error("TODO: wrap a Worker"));
    const result = await quietly(() =>
      checkCode("countPrimesInWorker()", countInWorkerTests(stub)),
    );
    assert.equal(result.state, "unanswered");
  });
});

describe("yieldChunksTests()", () => {
  it("runs its documented example: yielding before each chunk passes every test", async () => {
    const solution: SumRootsChunked = async (n, chunk) => {
      let sum = 0;
      for (let start = 0; start < n; start += chunk) {
        await yieldToLoop();
        for (let i = start; i < Math.min(n, start + chunk); i++) sum += Math.sqrt(i);
      }
      return sum;
    };
    const result = await quietly(() => checkCode("sumRootsChunked()", yieldChunksTests(solution)));
    assert.equal(result.state, "right", result.lines.join("\n"));
  });

  it("fails an answer that yields only after each chunk: the first chunk runs in the call", async () => {
    const late: SumRootsChunked = async (n, chunk) => {
      let sum = 0;
      for (let start = 0; start < n; start += chunk) {
        for (let i = start; i < Math.min(n, start + chunk); i++) sum += Math.sqrt(i);
        await yieldToLoop();
      }
      return sum;
    };
    const result = await quietly(() => checkCode("sumRootsChunked()", yieldChunksTests(late)));
    assert.deepEqual(
      result.lines.filter((l) => l.startsWith("✘ ")).map((l) => l.slice(0, 40)),
      ["✘ returns at once and computes later: it", "✘ sumRootsChunked(): 1 of 3 test(s) fail"],
    );
  });

  it("reports the stub as not answered", async () => {
    const stub: SumRootsChunked = () => Promise.reject(new Error("TODO: chunk it"));
    const result = await quietly(() => checkCode("sumRootsChunked()", yieldChunksTests(stub)));
    assert.equal(result.state, "unanswered");
  });
});

describe("mapConcurrentTests()", () => {
  it("runs its documented example: workers pulling from one index pass every test", async () => {
    const solution: MapConcurrent = async (items, limit, fn) => {
      const results = new Array<Awaited<ReturnType<typeof fn>>>(items.length);
      let next = 0;
      const worker = async () => {
        while (next < items.length) {
          const i = next++;
          results[i] = await fn(items[i]!);
        }
      };
      await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
      return results;
    };
    const result = await quietly(() => checkCode("mapConcurrent()", mapConcurrentTests(solution)));
    assert.equal(result.state, "right", result.lines.join("\n"));
  });

  it("fails an answer that runs in waves: a free slot waits for the whole wave", async () => {
    const waves: MapConcurrent = async (items, limit, fn) => {
      const results = [];
      for (let i = 0; i < items.length; i += limit) {
        results.push(...(await Promise.all(items.slice(i, i + limit).map(fn))));
      }
      return results;
    };
    const result = await quietly(() => checkCode("mapConcurrent()", mapConcurrentTests(waves)));
    assert.deepEqual(
      result.lines.filter((l) => l.startsWith("✘ ")).map((l) => l.slice(0, 30)),
      ["✘ refills a free slot at once:", "✘ mapConcurrent(): 1 of 5 test"],
    );
  });

  it("reports the stub as not answered", async () => {
    const stub: MapConcurrent = () => Promise.reject(new Error("TODO: workers"));
    const result = await quietly(() => checkCode("mapConcurrent()", mapConcurrentTests(stub)));
    assert.equal(result.state, "unanswered");
  });
});

describe("longestStall()", () => {
  it("runs its documented example: waiting holds the ticker up for about one period", async () => {
    const { value, tookMs, longestMs } = await longestStall(
      () => new Promise<string>((resolve) => setTimeout(resolve, 50, "done")),
      5,
    );
    assert.equal(value, "done");
    assert.ok(longestMs < tookMs, `${longestMs} ms of ${tookMs} ms`);
  });

  it("sees a blocking stretch whole, even at the very end of the run", async () => {
    const { longestMs } = await longestStall(async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      const until = performance.now() + 80;
      while (performance.now() < until); // blocks the loop for 80 ms, then returns
    }, 5);
    assert.ok(longestMs >= 79, `longest gap ${longestMs} ms`);
  });

  it("names a bad period", async () => {
    await assert.rejects(
      longestStall(() => Promise.resolve(1), 0),
      {
        message: "Cannot watch the loop: 'everyMs' must be >= 1, got 0",
      },
    );
  });
});
