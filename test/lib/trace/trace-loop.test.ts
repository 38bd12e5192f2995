// traceLoop's order: the snippets against an untraced run, inside a promise job, from an I/O
// callback. Who queued whom is in trace-loop-steps.test.ts; how a trace ends, in trace-loop-end.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import vm from "node:vm";
import { LoopTrace, recordOrder, traceLoop, type StepKind } from "@async-ts/lib";
import { LOOP_SNIPPETS } from "./trace-snippets-loop.js";
import { QUEUE_SNIPPETS, type Snippet } from "./trace-snippets.js";

const SNIPPETS = [...QUEUE_SNIPPETS, ...LOOP_SNIPPETS];
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

describe("traceLoop(): the order callbacks ran in", () => {
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
});
