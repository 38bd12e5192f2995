import assert from "node:assert/strict";
import { AsyncLocalStorage } from "node:async_hooks";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { countPrimes, createPool, Timeline, type WorkerPool } from "@async-ts/lib";
import { useTimeScale } from "../helpers.js";

/** The test fixture module whose functions the pool runs (test/fixtures/pool-tasks.mjs). */
const tasks = new URL("../../fixtures/pool-tasks.mjs", import.meta.url);

describe("countPrimes()", () => {
  it("runs its documented example and is deterministic", () => {
    assert.equal(countPrimes(100), 25);
    assert.equal(countPrimes(200_000), 17984);
    assert.equal(countPrimes(0), 0);
  });

  it("names a bad limit", () => {
    assert.throws(() => countPrimes(-3), {
      message: "Cannot count primes: 'limit' must be an integer >= 0, got -3",
    });
  });
});

describe("createPool()", () => {
  useTimeScale(0.01);

  it("runs its documented example: a prime job, then a function of your own", async () => {
    const pool = createPool({ threads: 2 });
    try {
      const result = await pool.run({ kind: "primes", limit: 200_000 }); // result.value === 17984
      const words = await pool.runTask<number>(tasks, "wordCount", "a b c"); // 3
      assert.equal(result.value, 17984);
      assert.notEqual(result.threadId, 0, "ran off the main thread");
      assert.equal(words, 3);
    } finally {
      await pool.close();
    }
  });

  it("runs async I/O inside each worker, concurrently, and records lanes", async () => {
    const pool = createPool({ threads: 2 });
    const tl = new Timeline();
    try {
      const results = await Promise.all([
        pool.run({ kind: "io", ops: 5, ms: 5000 }, { timeline: tl }),
        pool.run({ kind: "io", ops: 5, ms: 5000 }, { timeline: tl }),
      ]);
      for (const r of results) {
        assert.equal(r.value, 5);
        const wall = r.endedAt - r.startedAt;
        // Five 50 ms waits in one worker overlap: far less than 5 × 50 ms.
        assert.ok(wall >= 45 && wall < 200, `worker wall ${wall} ms`);
      }
      assert.equal(tl.spans.length, 10);
      assert.ok(tl.spans.every((s) => s.lane?.startsWith("worker ")));
    } finally {
      await pool.close();
    }
  });

  it("checks its arguments", async () => {
    assert.throws(() => createPool({ threads: 0 }), {
      message: "Cannot create pool: 'threads' must be an integer >= 1, got 0",
    });
    const pool = createPool({ threads: 1 });
    try {
      // @ts-expect-error: a wrong job, as plain JavaScript could pass it
      await assert.rejects(pool.run({ kind: "dance" }), {
        message: `Cannot run job: 'kind' must be "primes" or "io", got dance`,
      });
    } finally {
      await pool.close();
    }
  });

  describe("runTask()", () => {
    // One pool for these tests: starting worker threads is the slow part on a busy machine.
    let pool: WorkerPool;
    before(() => (pool = createPool({ threads: 1 })));
    after(() => pool.close());

    it("runs the function on a worker thread, given a URL, a file: string or a path", async () => {
      const file = fileURLToPath(tasks);
      const fromUrl = await pool.runTask<{ threadId: number }>(tasks, "waitAndReport", 1);
      assert.notEqual(fromUrl.threadId, 0, "ran off the main thread");
      assert.equal(await pool.runTask(tasks.href, "wordCount", "one two"), 2);
      assert.equal(await pool.runTask(file, "wordCount", "one"), 1);
      assert.equal(
        await pool.runTask(path.relative(process.cwd(), file), "wordCount", "a b c d"),
        4,
      );
    });

    it("rejects with the worker's error, keeping its name, fields and cause", async () => {
      const error = (await pool
        .runTask(tasks, "failWithCause", "app.json")
        .catch((e: unknown) => e)) as Error & {
        code?: string;
        cause?: Error & { code?: string };
      };
      assert.ok(error instanceof Error);
      assert.equal(error.name, "ConfigError");
      assert.equal(error.message, "Cannot read config app.json");
      assert.equal(error.code, "ECONFIG");
      assert.equal(error.cause?.message, "ENOENT: no such file, open 'app.json'");
      assert.equal(error.cause?.code, "ENOENT");
      assert.match(error.stack ?? "", /failWithCause/, "the worker's stack");
    });

    it("names a bad module, export name or export", async () => {
      // @ts-expect-error: a wrong argument, as plain JavaScript could pass it
      await assert.rejects(pool.runTask(42, "wordCount", ""), {
        message: "Cannot run task: 'module' must be a URL or a non-empty path, got number",
      });
      await assert.rejects(pool.runTask(tasks, "", ""), {
        message: `Cannot run task: 'exportName' must be a non-empty string, got ""`,
      });
      await assert.rejects(pool.runTask(tasks, "notAFunction", ""), {
        name: "TypeError",
        message: `Cannot run task: 'notAFunction' is not a function exported by ${tasks.href}, got number`,
      });
      await assert.rejects(pool.runTask(new URL("./missing.mjs", tasks), "x", ""), {
        code: "ERR_MODULE_NOT_FOUND",
      });
    });

    it("rejects with signal.reason when aborted, whether waiting or running", async () => {
      const controller = new AbortController();
      const reason = new Error("not needed any more");
      const running = pool.runTask(tasks, "waitAndReport", 10_000, { signal: controller.signal });
      const waiting = pool.run({ kind: "io", ops: 1, ms: 100 }, { signal: controller.signal });
      setTimeout(() => controller.abort(reason), 50);
      await assert.rejects(running, (e) => e === reason);
      await assert.rejects(waiting, (e) => e === reason);
      await assert.rejects(
        pool.runTask(tasks, "wordCount", "", { signal: controller.signal }),
        (e) => e === reason,
      );
      // The stopped thread was replaced.
      assert.equal(await pool.runTask(tasks, "wordCount", "still works"), 2);
    });

    it("records a runTask call on its worker's lane, as ok or error", async () => {
      const tl = new Timeline();
      await pool.runTask(tasks, "waitAndReport", 20, { timeline: tl, name: "wait" });
      await pool.runTask(tasks, "failWithCause", "x", { timeline: tl }).catch(() => {});
      assert.deepEqual(
        tl.spans.map((s) => `${s.name}:${s.status}`),
        ["wait:ok", "failWithCause:error"],
      );
      assert.ok(tl.spans.every((s) => s.lane?.startsWith("worker ")));
      assert.ok(tl.spans[0]!.end! - tl.spans[0]!.start >= 15, "the worker's own start and end");
    });
  });

  it("settles in the caller's async context", async () => {
    const pool = createPool({ threads: 2 });
    const store = new AsyncLocalStorage<number>();
    try {
      const seen = await Promise.all(
        [1, 2, 3, 4].map((id) =>
          store.run(id, () =>
            (id % 2 === 0
              ? pool.runTask(tasks, "waitAndReport", 20 - id)
              : pool.run({ kind: "io", ops: 1, ms: 100 * id })
            ).then(() => store.getStore()),
          ),
        ),
      );
      assert.deepEqual(seen, [1, 2, 3, 4]);
    } finally {
      await pool.close();
    }
  });
});
