import assert from "node:assert/strict";
import { recordOrder } from "@async-ts/lib";

describe("recordOrder()", () => {
  it("runs its documented example: sync, nextTick, microtask, timeout", async () => {
    const order = await recordOrder((log) => {
      setTimeout(() => log("timeout"));
      void Promise.resolve().then(() => log("microtask"));
      process.nextTick(() => log("nextTick"));
      log("sync");
    });
    assert.deepEqual(order, ["sync", "nextTick", "microtask", "timeout"]);
  });

  it("puts setImmediate before setTimeout 0, as inside an I/O callback", async () => {
    for (let run = 0; run < 5; run++) {
      const order = await recordOrder((log) => {
        setTimeout(() => log("timeout"), 0);
        setImmediate(() => log("immediate"));
      });
      assert.deepEqual(order, ["immediate", "timeout"]);
    }
  });

  it("waits for late entries up to the bound, and stops at 'expected'", async () => {
    const late = await recordOrder((log) => void setTimeout(() => log("late"), 30));
    assert.deepEqual(late, ["late"]);
    const start = performance.now();
    const some = await recordOrder((log) => void setTimeout(() => log("never"), 5000), {
      maxWaitMs: 100,
    });
    assert.deepEqual(some, []);
    assert.ok(performance.now() - start < 1000);
  });

  it("rejects when setup throws or is not a function", async () => {
    await assert.rejects(
      recordOrder(() => {
        throw new Error("setup broke");
      }),
      { message: "setup broke" },
    );
    // @ts-expect-error: a wrong argument, as plain JavaScript could pass it
    await assert.rejects(recordOrder("x"), {
      message: "Cannot record order: 'setup' must be a function, got string",
    });
  });
});
