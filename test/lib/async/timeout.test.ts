import assert from "node:assert/strict";
import { AsyncLocalStorage } from "node:async_hooks";
import { abortable, simulate, sleep, withTimeout } from "@async-ts/lib";
import { activeTimers, since, useTimeScale } from "../helpers.js";

describe("withTimeout()", () => {
  useTimeScale(0.01);

  it("runs its documented example: a slow operation times out", async () => {
    const start = performance.now();
    await assert.rejects(
      withTimeout((signal) => simulate("slow", 5000, 1, { signal }), 1000),
      { name: "TimeoutError", message: "Timed out after 1 s" },
    );
    const ms = since(start);
    assert.ok(ms >= 9 && ms < 45, `timed out after ${ms} ms (expected ~10)`);
  });

  it("returns the value in time and leaves no timer behind", async () => {
    const before = await activeTimers();
    assert.equal(await withTimeout(() => simulate("fast", 100, "done"), 10_000), "done");
    assert.equal(await activeTimers(), before);
  });

  it("aborts the work's signal so nothing keeps running", async () => {
    const before = await activeTimers();
    let workSignal: AbortSignal | undefined;
    await assert.rejects(
      withTimeout((signal) => ((workSignal = signal), sleep(100_000, { signal })), 500),
      { name: "TimeoutError" },
    );
    assert.equal(workSignal?.aborted, true);
    assert.equal(await activeTimers(), before);
  });

  it("rejects with the outer signal's reason", async () => {
    const controller = new AbortController();
    const reason = new Error("user cancelled");
    setTimeout(() => controller.abort(reason), 10);
    await assert.rejects(
      withTimeout((signal) => sleep(100_000, { signal }), 100_000, { signal: controller.signal }),
      (e) => e === reason,
    );
  });

  it("rejects even when the work ignores its signal", async () => {
    const start = performance.now();
    await assert.rejects(
      withTimeout(() => new Promise(() => {}), 500),
      { name: "TimeoutError" },
    );
    assert.ok(since(start) < 200);
  });

  it("runs the work and settles in the caller's async context", async () => {
    const store = new AsyncLocalStorage<string>();
    const seen: (string | undefined)[] = [];
    const call = (id: string): Promise<void> =>
      store.run(id, async () => {
        await withTimeout(async (signal) => {
          seen.push(store.getStore());
          await sleep(100, { signal });
          seen.push(store.getStore());
        }, 10_000);
        seen.push(store.getStore());
      });
    await Promise.all([call("a"), call("b")]);
    assert.deepEqual(seen.sort(), ["a", "a", "a", "b", "b", "b"]);
  });

  it("passes the work's own error through unchanged, cause and all", async () => {
    const error = new Error("query failed", { cause: new Error("connection reset") });
    await assert.rejects(
      withTimeout(() => Promise.reject(error), 10_000),
      (e) => e === error && (e as Error).cause === error.cause,
    );
  });

  it("checks its arguments", async () => {
    await assert.rejects(
      withTimeout(() => 1, -1),
      { message: "Cannot run with timeout: 'ms' must be a finite number >= 0, got -1" },
    );
  });
});

describe("abortable()", () => {
  useTimeScale(0.01);

  it("runs its documented example: stops waiting when the signal aborts", async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("user left")), 10);
    await assert.rejects(abortable(simulate("slow", 5000, "done"), controller.signal), {
      message: "user left",
    });
  });

  it("settles like the promise when no abort happens", async () => {
    const signal = new AbortController().signal;
    assert.equal(await abortable(Promise.resolve(5), signal), 5);
    await assert.rejects(abortable(Promise.reject(new Error("own")), signal), { message: "own" });
    await assert.rejects(abortable(Promise.resolve(1), AbortSignal.abort(new Error("already"))), {
      message: "already",
    });
  });

  it("swallows a late rejection of the abandoned promise", async () => {
    let unhandled = 0;
    const count = (): void => void unhandled++;
    process.on("unhandledRejection", count);
    try {
      const late = sleep(50).then(() => Promise.reject(new Error("late")));
      await assert.rejects(abortable(late, AbortSignal.abort(new Error("gone"))), {
        message: "gone",
      });
      await sleep(500);
      assert.equal(unhandled, 0);
    } finally {
      process.off("unhandledRejection", count);
    }
  });
});
