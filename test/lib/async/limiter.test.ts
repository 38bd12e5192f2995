import assert from "node:assert/strict";
import { limiter, sleep } from "@async-ts/lib";
import { useTimeScale } from "../helpers.js";

/** A task that records how many tasks were running at once. */
function tracker(): { task: (ms: number, fail?: boolean) => Promise<number>; peak: () => number } {
  let running = 0;
  let peak = 0;
  const task = async (ms: number, fail = false): Promise<number> => {
    running++;
    peak = Math.max(peak, running);
    try {
      await sleep(ms);
      if (fail) throw new Error(`task of ${ms} failed`);
      return ms;
    } finally {
      running--;
    }
  };
  return { task, peak: () => peak };
}

describe("limiter()", () => {
  useTimeScale(0.01);

  it("never runs more than 'concurrency' tasks at once", async () => {
    const limit = limiter(3);
    const { task, peak } = tracker();
    const results = await Promise.all([5, 1, 4, 2, 3, 6, 1, 2].map((ms) => limit(task, ms * 100)));
    assert.deepEqual(results, [500, 100, 400, 200, 300, 600, 100, 200]);
    assert.equal(peak(), 3);
    assert.equal(limit.activeCount, 0);
    assert.equal(limit.pendingCount, 0);
  });

  it("reports active and pending counts while running", async () => {
    const limit = limiter(2);
    const all = Promise.all([1, 2, 3, 4, 5].map(() => limit(sleep, 500)));
    assert.equal(limit.activeCount, 2);
    assert.equal(limit.pendingCount, 3);
    assert.equal(limit.concurrency, 2);
    await all;
  });

  it("propagates errors and keeps the limit under errors and aborts", async () => {
    const limit = limiter(2);
    const { task, peak } = tracker();
    const controller = new AbortController();
    const runs = [1, 2, 3, 4, 5, 6].map((i) =>
      limit.withSignal(i === 5 ? controller.signal : undefined, task, 100 * i, i % 2 === 0),
    );
    controller.abort(new Error("no longer needed"));
    const outcomes = await Promise.allSettled(runs);
    const summary = outcomes.map((o) =>
      o.status === "fulfilled" ? o.value : (o.reason as Error).message,
    );
    assert.deepEqual(summary, [
      100,
      "task of 200 failed",
      300,
      "task of 400 failed",
      "no longer needed",
      "task of 600 failed",
    ]);
    assert.equal(peak(), 2);
  });

  it("lets a waiting task leave the queue on abort, rejecting with signal.reason", async () => {
    const limit = limiter(1);
    const first = limit(sleep, 300);
    const controller = new AbortController();
    let ran = false;
    const waiting = limit.withSignal(controller.signal, () => (ran = true));
    assert.equal(limit.pendingCount, 1);
    const reason = new Error("cancelled by user");
    controller.abort(reason);
    await assert.rejects(waiting, (e) => e === reason);
    assert.equal(limit.pendingCount, 0);
    await first;
    assert.equal(ran, false);
  });

  it("clearQueue() rejects waiting tasks; raising concurrency starts waiting ones", async () => {
    const limit = limiter(1);
    const first = limit(sleep, 200);
    const dropped = limit(sleep, 200);
    limit.clearQueue();
    await assert.rejects(dropped, { message: "Cannot run task: the limiter's queue was cleared" });
    const later = [limit(sleep, 200), limit(sleep, 200)];
    limit.concurrency = 3;
    assert.equal(limit.activeCount, 3);
    await Promise.all([first, ...later]);
  });

  it("checks its arguments and names the bad value", async () => {
    assert.throws(() => limiter(0), {
      message: "Cannot create limiter: 'concurrency' must be >= 1, got 0",
    });
    assert.throws(() => limiter(1.5), { message: /got 1.5/ });
    const limit = limiter(Infinity);
    assert.throws(() => (limit.concurrency = -1), {
      message: "Cannot change limiter: 'concurrency' must be >= 1, got -1",
    });
    // @ts-expect-error: a wrong argument, as plain JavaScript could pass it
    await assert.rejects(limit("not a function"), {
      message: /'fn' must be a function, got string/,
    });
  });

  it("turns a synchronous throw in a task into a rejection and frees the slot", async () => {
    const limit = limiter(1);
    await assert.rejects(
      limit(() => {
        throw new Error("sync boom");
      }),
      { message: "sync boom" },
    );
    assert.equal(await limit(() => 42), 42);
  });
});
