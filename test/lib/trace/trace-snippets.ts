// Snippets whose real order Node fixes (no races), for the traceLoop tests: the code (plain
// JavaScript that calls log(label), run both as a CommonJS script and through traceLoop), the
// order it logs in, and the kind of callback each label is logged from. Here: the microtask and
// nextTick queues; the loop's phases (timers, immediates, I/O) are in trace-snippets-loop.ts.
import type { StepKind } from "@async-ts/lib";

export interface Snippet {
  name: string;
  code: string;
  order: string[];
  /** The kind of callback each label in `order` is logged from, position by position. */
  kinds: StepKind[];
}

/** The queues inside one turn of the loop: nextTick, promise jobs, async functions. */
export const QUEUE_SNIPPETS: Snippet[] = [
  {
    name: "sync, then nextTick, then promise, then a timer",
    code: `
      setTimeout(() => log("timer"), 0);
      Promise.resolve().then(() => log("then"));
      process.nextTick(() => log("tick"));
      log("sync");`,
    order: ["sync", "tick", "then", "timer"],
    kinds: ["sync", "nextTick", "microtask", "timer"],
  },
  {
    name: "nested microtasks all run before the next timer",
    code: `
      setTimeout(() => log("timer"), 0);
      Promise.resolve().then(() => {
        log("p1");
        Promise.resolve().then(() => {
          log("p1.1");
          Promise.resolve().then(() => log("p1.1.1"));
        });
      });
      Promise.resolve().then(() => log("p2"));`,
    order: ["p1", "p2", "p1.1", "p1.1.1", "timer"],
    kinds: ["microtask", "microtask", "microtask", "microtask", "timer"],
  },
  {
    name: "queueMicrotask shares the promise jobs' first-in-first-out queue",
    code: `
      queueMicrotask(() => log("qm1"));
      Promise.resolve().then(() => log("then"));
      queueMicrotask(() => log("qm2"));`,
    order: ["qm1", "then", "qm2"],
    kinds: ["microtask", "microtask", "microtask"],
  },
  {
    name: "nextTick inside a promise callback waits until the microtasks drain",
    code: `
      Promise.resolve().then(() => {
        log("p1");
        process.nextTick(() => log("tick from p1"));
      });
      Promise.resolve().then(() => log("p2"));`,
    order: ["p1", "p2", "tick from p1"],
    kinds: ["microtask", "microtask", "nextTick"],
  },
  {
    name: "a promise inside a nextTick waits until the nextTick queue drains",
    code: `
      process.nextTick(() => {
        log("t1");
        Promise.resolve().then(() => log("then from t1"));
      });
      process.nextTick(() => log("t2"));`,
    order: ["t1", "t2", "then from t1"],
    kinds: ["nextTick", "nextTick", "microtask"],
  },
  {
    name: "a nextTick queued by a nextTick still runs before promises",
    code: `
      Promise.resolve().then(() => log("then"));
      process.nextTick(() => {
        log("t1");
        process.nextTick(() => log("t1.1"));
      });`,
    order: ["t1", "t1.1", "then"],
    kinds: ["nextTick", "nextTick", "microtask"],
  },
  {
    name: "an async function runs synchronously up to its first await",
    code: `
      async function f() {
        log("f start");
        await null;
        log("f after await");
      }
      f();
      log("sync");`,
    order: ["f start", "sync", "f after await"],
    kinds: ["sync", "sync", "microtask"],
  },
  {
    name: "awaits and then-chains interleave, one microtask each",
    code: `
      (async () => {
        await null;
        log("a1");
        await null;
        log("a2");
      })();
      Promise.resolve()
        .then(() => log("b1"))
        .then(() => log("b2"));`,
    order: ["a1", "b1", "a2", "b2"],
    kinds: ["microtask", "microtask", "microtask", "microtask"],
  },
  {
    name: "returning a promise from an async function costs two extra microtasks",
    code: `
      async function h() {
        return Promise.resolve();
      }
      h().then(() => log("h done"));
      Promise.resolve()
        .then(() => log("t1"))
        .then(() => log("t2"))
        .then(() => log("t3"));`,
    order: ["t1", "t2", "h done", "t3"],
    kinds: ["microtask", "microtask", "microtask", "microtask"],
  },
  {
    name: "a caught rejection after await runs in one microtask",
    code: `
      (async () => {
        try {
          await Promise.reject(new Error("no"));
        } catch {
          log("caught");
        }
      })();
      Promise.resolve().then(() => log("then"));`,
    order: ["caught", "then"],
    kinds: ["microtask", "microtask"],
  },
  {
    name: "nextTick and a promise queued after an await: the promise first",
    code: `
      (async () => {
        await null;
        process.nextTick(() => log("tick"));
        Promise.resolve().then(() => log("then"));
        log("after await");
      })();`,
    order: ["after await", "then", "tick"],
    kinds: ["microtask", "microtask", "nextTick"],
  },
  {
    name: "await on a timer resumes in a microtask after the timer callback",
    code: `
      (async () => {
        log("before");
        await new Promise((resolve) => setTimeout(() => { log("timer"); resolve(); }, 5));
        log("after");
      })();`,
    order: ["before", "timer", "after"],
    kinds: ["sync", "timer", "microtask"],
  },
];
