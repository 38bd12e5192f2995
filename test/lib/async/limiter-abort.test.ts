// Our limiter's per-task AbortSignal (withSignal) and clearQueue(): a waiting task leaves the
// queue on abort; cleared tasks stay pending by default, or reject with a reason.
import assert from "node:assert/strict";
import { limiter, sleep } from "@async-ts/lib";
import { useTimeScale } from "../helpers.js";
import { isPending, unhandledDuring } from "./limiter-helpers.js";

describe("limiter(): the per-task signal and clearQueue()", () => {
  useTimeScale(0.01);

  it("lets a waiting task leave the queue on abort, rejecting with signal.reason", async () => {
    const limit = limiter(1);
    const first = limit(sleep, 300);
    const controller = new AbortController();
    let ran = false;
    const waiting = limit.withSignal(controller.signal, () => (ran = true));
    const behind = limit(() => "behind");
    assert.equal(limit.pendingCount, 2);
    const reason = new Error("cancelled by user");
    controller.abort(reason);
    await assert.rejects(waiting, (e) => e === reason);
    assert.equal(limit.pendingCount, 1);
    await first;
    assert.equal(await behind, "behind");
    assert.equal(ran, false);
  });

  it("rejects at once for a signal that has already aborted, without calling fn", async () => {
    const limit = limiter(1);
    let ran = false;
    const reason = new Error("too late");
    await assert.rejects(
      limit.withSignal(AbortSignal.abort(reason), () => (ran = true)),
      (e) => e === reason,
    );
    assert.equal(ran, false);
    assert.equal(limit.activeCount, 0);
  });

  it("never calls fn once its signal aborted, even after the task got its slot", async () => {
    const limit = limiter(1);
    let ran = false;
    const controller = new AbortController();
    const reason = new Error("changed my mind");
    const task = limit.withSignal(controller.signal, () => (ran = true));
    assert.equal(limit.activeCount, 1, "it holds the slot until its turn");
    controller.abort(reason); // before fn's (asynchronous) turn came
    await assert.rejects(task, (e) => e === reason);
    assert.equal(ran, false);
    assert.equal(limit.activeCount, 0);
    assert.equal(await limit(() => "next"), "next");
  });

  it("ignores an abort once the task has started", async () => {
    const limit = limiter(1);
    const controller = new AbortController();
    const running = limit.withSignal(controller.signal, async () => (await sleep(200), "done"));
    await sleep(0);
    controller.abort(new Error("too late to matter"));
    assert.equal(await running, "done");
  });

  it("clearQueue() leaves cleared tasks pending by default, so nothing goes unhandled", async () => {
    const limit = limiter(1);
    let cleared: Promise<unknown>[] = [];
    const unhandled = await unhandledDuring(async () => {
      const first = limit(sleep, 200);
      // Nobody awaits these, as in code written for p-limit: a rejection would go unhandled.
      cleared = [limit(sleep, 200), limit.withSignal(new AbortController().signal, sleep, 200)];
      limit.clearQueue();
      await first;
    });
    assert.equal(unhandled, 0);
    assert.deepEqual(await Promise.all(cleared.map(isPending)), [true, true]);
  });

  it("clearQueue(reason) rejects the cleared tasks with that reason", async () => {
    const limit = limiter(1);
    const first = limit(sleep, 200);
    const dropped = limit(sleep, 200);
    const reason = new Error("shutting down");
    limit.clearQueue(reason);
    await assert.rejects(dropped, (e) => e === reason);
    await first;
  });

  it("clearQueue() under rejectOnClear rejects with an AbortError; later tasks still run", async () => {
    const limit = limiter({ concurrency: 1, rejectOnClear: true });
    const first = limit(sleep, 200);
    const dropped = limit(sleep, 200);
    limit.clearQueue();
    await assert.rejects(dropped, { name: "AbortError", message: "This operation was aborted" });
    assert.equal(await limit(() => "after"), "after");
    await first;
  });
});
