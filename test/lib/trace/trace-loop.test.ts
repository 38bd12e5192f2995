import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { stat } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import vm from "node:vm";
import {
  LoopTrace,
  recordOrder,
  sleep,
  traceLoop,
  TraceTimeoutError,
  type StepKind,
} from "@async-ts/lib";
import { SNIPPETS, type Snippet } from "./trace-snippets.js";

const run = promisify(execFile);
const requireHere = createRequire(import.meta.url);

/** The snippet as `fn` for traceLoop: the same source, with `log` and `require` in scope. */
function snippetFn(snippet: Snippet): (log: (label: string) => void) => unknown {
  const wrapped = vm.runInThisContext(`(function (log, require) {\n${snippet.code}\n})`, {
    filename: `snippet: ${snippet.name}`,
  }) as (log: (label: string) => void, require: NodeJS.Require) => unknown;
  return (log) => wrapped(log, requireHere);
}

/**
 * The untraced run: the snippet as the top level of a CommonJS script in a fresh `node`, which
 * is exactly the order traceLoop promises to reproduce. Run in a child process, not in-process,
 * so nothing of mocha's (its timers, its own promise jobs) shares the loop with it.
 */
async function untracedOrder(snippet: Snippet, dir: string, index: number): Promise<string[]> {
  const file = path.join(dir, `snippet-${index}.cjs`);
  const script =
    `const order = [];\nconst log = (label) => order.push(String(label));\n` +
    `process.on("exit", () => process.stdout.write(JSON.stringify(order)));\n${snippet.code}\n`;
  await writeFile(file, script);
  const { stdout } = await run(process.execPath, [file], { timeout: 30_000 });
  return JSON.parse(stdout) as string[];
}

/** The kind of the step each label was logged from, in log order. */
const kindsInLogOrder = (trace: LoopTrace): StepKind[] =>
  trace.steps.flatMap((s) => s.logs.map(() => s.kind));

describe("traceLoop()", () => {
  describe(`${SNIPPETS.length} snippets against an untraced CommonJS run`, () => {
    const untraced = new Map<Snippet, string[]>();
    let dir = "";

    before(async () => {
      dir = await mkdtemp(path.join(os.tmpdir(), "trace-snippets-"));
      // A few child processes at a time: the machine may be busy.
      for (let i = 0; i < SNIPPETS.length; i += 4) {
        const batch = SNIPPETS.slice(i, i + 4);
        const orders = await Promise.all(batch.map((s, j) => untracedOrder(s, dir, i + j)));
        batch.forEach((s, j) => untraced.set(s, orders[j]!));
      }
    });

    after(() => rm(dir, { recursive: true, force: true }));

    for (const snippet of SNIPPETS) {
      it(`${snippet.name}: same order as 'node script.cjs', with the right kinds`, async () => {
        assert.deepEqual(untraced.get(snippet), snippet.order, "the untraced run's order");
        const trace = await traceLoop(snippetFn(snippet), { timeoutMs: 20_000 });
        assert.deepEqual(trace.logs, snippet.order);
        assert.deepEqual(kindsInLogOrder(trace), snippet.kinds);
        assert.deepEqual(
          trace.steps.flatMap((s) => s.logs),
          trace.logs,
        );
        assert.deepEqual(
          trace.steps.map((s) => s.step),
          trace.steps.map((_, i) => i + 1),
        );
      });
    }
  });

  it("runs its documented example", async () => {
    const trace = await traceLoop((log) => {
      setTimeout(() => log("timer"), 0);
      process.nextTick(() => log("tick"));
      void Promise.resolve().then(() => log("then"));
      log("sync");
    });
    assert.deepEqual(trace.logs, ["sync", "tick", "then", "timer"]);
    assert.deepEqual(
      trace.steps.map((s) => s.kind),
      ["sync", "nextTick", "microtask", "timer"],
    );
    assert.ok(trace instanceof LoopTrace);
  });

  it("gives the CommonJS order even when called inside a promise job, as in a notebook cell", async () => {
    const { direct, trace } = await Promise.resolve().then(async () => {
      // A promise job is running here: code run directly sees promise callbacks first.
      const direct: string[] = [];
      process.nextTick(() => direct.push("tick"));
      void Promise.resolve().then(() => direct.push("then"));
      const trace = await traceLoop((log) => {
        process.nextTick(() => log("tick"));
        void Promise.resolve().then(() => log("then"));
        log("sync");
      });
      return { direct, trace };
    });
    assert.deepEqual(direct, ["then", "tick"], "the test really ran inside a promise job");
    assert.deepEqual(trace.logs, ["sync", "tick", "then"]);
  });

  it("with from: 'io', calls fn inside an I/O callback and agrees with recordOrder", async () => {
    // Notebook 02's "five ways" exercise: at a script's top level setTimeout 0 against
    // setImmediate is a race; inside an I/O callback, where recordOrder runs, it is not.
    const fiveWays = (log: (label: string) => void): void => {
      setTimeout(() => log("setTimeout 0"), 0);
      setImmediate(() => log("setImmediate"));
      void Promise.resolve().then(() => log("promise.then"));
      process.nextTick(() => log("process.nextTick"));
      log("synchronous");
    };
    const expected = [
      "synchronous",
      "process.nextTick",
      "promise.then",
      "setImmediate",
      "setTimeout 0",
    ];
    for (let run = 0; run < 5; run++) {
      const trace = await traceLoop(fiveWays, { from: "io" });
      assert.deepEqual(trace.logs, expected);
      assert.deepEqual(await recordOrder(fiveWays), expected);
      assert.deepEqual(kindsInLogOrder(trace), [
        "sync",
        "nextTick",
        "microtask",
        "immediate",
        "timer",
      ]);
      const places = trace.steps.map((s) => `${s.iteration} ${s.phase}`);
      assert.deepEqual(places.slice(0, 4), ["1 poll", "1 poll", "1 poll", "1 check"]);
      assert.match(places[4]!, /^[2-9] timers$/);
      assert.deepEqual(
        [trace.steps[0]?.source, trace.steps[0]?.resource],
        ["fn(log) in an fs callback", "FSREQCALLBACK"],
      );
    }
  });

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
