// How traceLoop ends: when nothing it started keeps the loop alive, after 'timeoutMs' (naming
// what never finished), with fn's own error, or on a bad argument.
import assert from "node:assert/strict";
import net from "node:net";
import { sleep, traceLoop, TraceTimeoutError } from "@async-ts/lib";

describe("traceLoop(): how a trace ends", () => {
  it("resolves once nothing it started keeps the loop alive, as a script would exit", async () => {
    const start = performance.now();
    const trace = await traceLoop((log) => {
      setTimeout(() => log("never"), 60_000).unref();
      log("sync");
    });
    assert.ok(performance.now() - start < 5000);
    assert.deepEqual(trace.logs, ["sync"]);
    const waiting = trace.queued.find((e) => e.queue === "timers");
    assert.deepEqual([waiting?.until, waiting?.ran], [null, null]);
  });

  it("traces only what fn started, even with other work on the loop", async () => {
    let outside = 0;
    const busy = setInterval(() => (outside += 1), 1);
    try {
      const [a, b] = await Promise.all([
        traceLoop(async (log) => {
          await sleep(20);
          log("a");
        }),
        traceLoop((log) => void setTimeout(() => log("b"), 10)),
      ]);
      assert.ok(outside > 0, "the outside interval ran meanwhile");
      assert.deepEqual([a.logs, b.logs], [["a"], ["b"]]);
      assert.ok(b.steps.every((s) => s.kind === "sync" || s.source === "setTimeout 10 ms"));
    } finally {
      clearInterval(busy);
    }
  });

  it("rejects after 'timeoutMs', names the interval never cleared, and clears it", async () => {
    let runs = 0;
    const error: unknown = await traceLoop(
      (log) => {
        setTimeout(() => {
          setInterval(() => {
            runs += 1;
            log("tick");
          }, 5);
        }, 0);
      },
      { timeoutMs: 150 },
    ).catch((e: unknown) => e);
    assert.ok(error instanceof TraceTimeoutError);
    assert.equal(
      error.message,
      "traceLoop gave up after 150 ms: an interval (setInterval 5 ms) created at step 2 was " +
        "never cleared. traceLoop cleared the timers it left. Finish or clear everything fn " +
        "starts, or pass a larger 'timeoutMs'.",
    );
    assert.equal(error.name, "TimeoutError");
    assert.ok(error.trace.logs.length > 0 && error.trace.logs.every((l) => l === "tick"));
    const seen = runs;
    await sleep(40);
    assert.equal(runs, seen, "the interval was cleared");
  });

  it("names a server never closed, and a promise that never settles", async () => {
    let server: net.Server | undefined;
    const error: unknown = await traceLoop(
      async () => {
        server = net.createServer().listen(0, "127.0.0.1");
        await new Promise(() => {});
      },
      { timeoutMs: 200 },
    ).catch((e: unknown) => e);
    server?.close();
    assert.ok(error instanceof TraceTimeoutError);
    assert.deepEqual(error.pending, [
      "a net server (TCPSERVERWRAP) created at step 2 was never closed",
      "the promise fn returned has not settled",
    ]);
    assert.match(error.message, /^traceLoop gave up after 200 ms: a net server .*; the promise/);
  });

  it("rejects with fn's own error, sync or async, and clears the timers fn left", async () => {
    const boom = new Error("boom");
    let fired = false;
    await assert.rejects(
      traceLoop(() => {
        setTimeout(() => (fired = true), 5);
        throw boom;
      }),
      (e) => e === boom,
    );
    await assert.rejects(
      traceLoop(async () => {
        await sleep(1);
        throw boom;
      }),
      (e) => e === boom,
    );
    await sleep(30);
    assert.equal(fired, false);
  });

  it("checks its arguments, naming the bad value, and rejects instead of throwing", async () => {
    // @ts-expect-error: a wrong argument, as plain JavaScript could pass it
    const notFunction = traceLoop("x");
    assert.ok(notFunction instanceof Promise);
    await assert.rejects(notFunction, {
      name: "TypeError",
      message: "Cannot trace loop: 'fn' must be a function, got string",
    });
    for (const timeoutMs of [0, -1, Number.NaN, Infinity, "100"]) {
      await assert.rejects(
        traceLoop(() => {}, { timeoutMs: timeoutMs as number }),
        {
          name: "RangeError",
          message: `Cannot trace loop: 'timeoutMs' must be a positive number of ms, got ${String(timeoutMs)}`,
        },
      );
    }
    await assert.rejects(
      // @ts-expect-error: a wrong argument, as plain JavaScript could pass it
      traceLoop(() => {}, null),
      {
        message: "Cannot trace loop: 'options' must be an object, got null",
      },
    );
    await assert.rejects(
      // @ts-expect-error: a wrong argument, as plain JavaScript could pass it
      traceLoop(() => {}, { from: "module" }),
      { message: `Cannot trace loop: 'from' must be "script" or "io", got module` },
    );
    await assert.rejects(
      // @ts-expect-error: a wrong argument, as plain JavaScript could pass it
      traceLoop(() => {}, { title: 3 }),
      {
        message: "Cannot trace loop: 'title' must be a string, got number",
      },
    );
  });
});
