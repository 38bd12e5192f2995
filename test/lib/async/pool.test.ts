import assert from "node:assert/strict";
import { countPrimes, createPool, Timeline } from "@async-ts/lib";
import { useTimeScale } from "../helpers.js";

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

  it("runs its documented example: a prime job on a worker thread", async () => {
    const pool = createPool({ threads: 2 });
    try {
      const result = await pool.run({ kind: "primes", limit: 200_000 });
      assert.equal(result.value, 17984);
      assert.notEqual(result.threadId, 0, "ran off the main thread");
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
});
