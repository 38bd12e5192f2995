// traceLoop's steps: who queued whom, iterations and phases, promise links, intervals, sockets,
// stays in a queue, and each step's timing.
import assert from "node:assert/strict";
import { stat } from "node:fs";
import net from "node:net";
import { traceLoop } from "@async-ts/lib";

describe("traceLoop(): the steps and who queued whom", () => {
  it("records who queued whom, the loop iteration and the phase", async () => {
    const trace = await traceLoop((log) => {
      stat(process.execPath, () => {
        log("stat");
        setTimeout(() => log("timeout"), 0);
        setImmediate(() => log("immediate"));
        process.nextTick(() => log("tick"));
      });
    });
    assert.deepEqual(
      trace.steps.map((s) => [s.step, s.kind, s.scheduledBy, s.phase]),
      [
        [1, "sync", null, "main"],
        [2, "io", 1, "poll"],
        [3, "nextTick", 2, "poll"],
        [4, "immediate", 2, "check"],
        [5, "timer", 2, "timers"],
      ],
    );
    // The timer fires in the next iteration if 1 ms has passed by its timers phase, else later.
    const iterations = trace.steps.map((s) => s.iteration);
    assert.deepEqual(iterations.slice(0, 4), [0, 1, 1, 1]);
    assert.ok(iterations[4]! >= 2, `the timer ran in iteration ${iterations[4]}`);
    assert.deepEqual(trace.steps[1]?.scheduled, [3, 4, 5]);
    assert.equal(trace.steps[1]?.resource, "FSREQCALLBACK");
    assert.equal(trace.steps[1]?.source, "fs callback");
    const io = trace.steps[1];
    assert.equal(trace.steps[2]?.triggerAsyncId, io?.asyncId, "async_hooks' trigger id");
  });

  it("links promise jobs to the step that resolved their promise", async () => {
    const trace = await traceLoop(async (log) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      log("after the timer");
      void Promise.resolve()
        .then(() => log("then 1"))
        .then(() => log("then 2"));
    });
    const by = (label: string): number | null | undefined =>
      trace.steps.find((s) => s.logs.includes(label))?.scheduledBy;
    const timerStep = trace.steps.find((s) => s.kind === "timer")!.step;
    assert.equal(by("after the timer"), timerStep);
    assert.equal(by("then 1"), timerStep + 1);
    assert.equal(by("then 2"), timerStep + 2);
  });

  it("chains an interval's runs, each queued by the one before", async () => {
    const trace = await traceLoop((log) => {
      let n = 0;
      const id = setInterval(() => {
        log(`run ${++n}`);
        if (n === 3) clearInterval(id);
      }, 1);
    });
    assert.deepEqual(
      trace.steps.map((s) => [s.source, s.scheduledBy]),
      [
        ["fn(log)", null],
        ["setInterval 1 ms", 1],
        ["setInterval 1 ms", 2],
        ["setInterval 1 ms", 3],
      ],
    );
    // One run per loop iteration (the first may come an iteration later: 1 ms had not passed).
    const iterations = trace.steps.slice(1).map((s) => s.iteration);
    assert.ok(
      iterations.every((n, i) => i === 0 || n > iterations[i - 1]!),
      iterations.join(),
    );
  });

  it("gives a socket that native code accepted to the server's connection callback", async () => {
    const trace = await traceLoop((log) => {
      const server = net.createServer((socket) => {
        log("connection");
        socket.on("end", () => server.close());
        socket.end();
      });
      server.listen(0, "127.0.0.1", () => {
        const client = net.connect((server.address() as net.AddressInfo).port, "127.0.0.1");
        client.resume();
      });
    });
    const connection = trace.steps.find((s) => s.logs.includes("connection"));
    assert.equal(connection?.resource, "TCPSERVERWRAP", trace.toText());
    const accepted = trace.queued.filter((e) => e.by === connection.step && e.queue === "poll");
    assert.ok(accepted.length > 0, `nothing in poll queued by 'connection':\n${trace.toText()}`);
  });

  it("records each stay in a queue, and timers cleared before they ran", async () => {
    const trace = await traceLoop((log) => {
      const id = setInterval(() => log("never"), 1000);
      setTimeout(() => {
        clearInterval(id);
        log("cleared");
      }, 0);
      process.nextTick(() => log("tick"));
    });
    const stays = trace.queued.map((e) => [
      e.queue,
      e.label,
      e.from,
      e.until,
      e.ran,
      e.cleared,
      e.by,
    ]);
    assert.deepEqual(
      stays.sort((a, b) => String(a[1]).localeCompare(String(b[1]))),
      [
        ["timers", "cleared", 1, 3, 3, false, 1],
        ["timers", "interval 1000 ms", 1, 3, null, true, 1],
        ["nextTick", "tick", 1, 2, 2, false, 1],
      ],
    );
  });

  it("times each step from the start of fn, so a blocked loop shows", async () => {
    const trace = await traceLoop((log) => {
      setTimeout(() => log("timer"), 0);
      const start = Date.now();
      while (Date.now() - start < 50) {
        // blocking the loop on purpose
      }
    });
    const [sync, timer] = trace.steps;
    assert.equal(sync?.startMs, 0);
    assert.ok((sync?.durationMs ?? 0) >= 45, `sync ran ${sync?.durationMs} ms`);
    assert.ok((timer?.startMs ?? 0) >= 45, `the timer started at ${timer?.startMs} ms`);
  });
});
