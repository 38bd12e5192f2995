// Our limiter beyond p-limit's own suite (limiter-p-limit.test.ts): the per-task signal, the
// error messages, and the four differences issue 12 found (async context, synchronous calls,
// clearQueue's default, retention: see retention.test.ts).
import assert from "node:assert/strict";
import { AsyncLocalStorage } from "node:async_hooks";
import { limiter, limitFunction, sleep } from "@async-ts/lib";
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

/** Whether `promise` is still pending once other timers have run. */
async function isPending(promise: Promise<unknown>): Promise<boolean> {
  const marker = Symbol("pending");
  const timer = new Promise((resolve) => setTimeout(resolve, 20, marker));
  return (await Promise.race([promise, timer])) === marker;
}

/** Counts unhandled rejections while `body` runs and for a few timer turns after it. */
async function unhandledDuring(body: () => Promise<void>): Promise<number> {
  let count = 0;
  const onUnhandled = (): void => void count++;
  process.on("unhandledRejection", onUnhandled);
  try {
    await body();
    await new Promise((resolve) => setTimeout(resolve, 50));
  } finally {
    process.off("unhandledRejection", onUnhandled);
  }
  return count;
}

describe("limiter()", () => {
  useTimeScale(0.01);

  it("runs its documented example: two pages at a time, then map", async () => {
    const { task, peak } = tracker();
    const urls = ["/a", "/bb", "/ccc", "/dddd"];
    const fetchPage = async (url: string): Promise<string> => (await task(500), `page ${url}`);
    const limit = limiter(2);
    const pages = await Promise.all(urls.map((url) => limit(fetchPage, url))); // 2 at a time
    const sizes = await limit.map(urls, async (url) => (await fetchPage(url)).length);
    assert.deepEqual(pages, ["page /a", "page /bb", "page /ccc", "page /dddd"]);
    assert.deepEqual(sizes, [7, 8, 9, 10]);
    assert.equal(peak(), 2);
  });

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

  it("runs a waiting task in its caller's async context, not that of the task that freed it", async () => {
    const store = new AsyncLocalStorage<string>();
    const limit = limiter(1);
    const seen = (): string | undefined => store.getStore();
    // The first task frees the slot from inside "first"; the others were queued elsewhere.
    const first = store.run("first", () => limit(async () => (await sleep(100), seen())));
    const plain = store.run("plain", () => limit(seen));
    const signalled = store.run("signalled", () => limit.withSignal(undefined, seen));
    const mapped = store.run("mapped", () => limit.map([1], seen));
    const outside = limit(seen);
    assert.deepEqual(await Promise.all([first, plain, signalled, mapped, outside]), [
      "first",
      "plain",
      "signalled",
      ["mapped"],
      undefined,
    ]);
  });

  it("never calls fn inside limit(), even when a slot is free", async () => {
    const limit = limiter(Infinity);
    const calls: string[] = [];
    const done = [
      limit(() => calls.push("plain")),
      limit.withSignal(new AbortController().signal, () => calls.push("signalled")),
      limit.map([1], () => calls.push("mapped")),
    ];
    calls.push("after limit()");
    await Promise.all(done);
    assert.deepEqual(calls, ["after limit()", "plain", "signalled", "mapped"]);
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

  it("starts waiting tasks in a microtask after concurrency is raised", async () => {
    const limit = limiter(1);
    const all = [limit(sleep, 200), limit(sleep, 200), limit(sleep, 200)];
    limit.concurrency = 3;
    assert.equal(limit.activeCount, 1, "not inside the assignment");
    await Promise.resolve();
    assert.equal(limit.activeCount, 3);
    await Promise.all(all);
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

  it("adopts a foreign thenable, calling its then() once", async () => {
    const limit = limiter(1);
    let thenCalls = 0;
    const thenable = {
      then(resolve: (value: string) => void) {
        thenCalls++;
        resolve("from thenable");
      },
    } as PromiseLike<string>;
    assert.equal(await limit(() => thenable), "from thenable");
    assert.equal(await limit(() => "next"), "next");
    assert.equal(thenCalls, 1);
  });

  it("checks its arguments and names the bad value", async () => {
    assert.throws(() => limiter(0), {
      name: "RangeError",
      message: "Cannot create limiter: 'concurrency' must be an integer >= 1 or Infinity, got 0",
    });
    assert.throws(() => limiter(1.5), { message: /got 1.5$/ });
    // @ts-expect-error: wrong arguments, as plain JavaScript could pass them
    assert.throws(() => limiter("3"), { name: "TypeError", message: /got "3"$/ });
    // @ts-expect-error: as above
    assert.throws(() => limiter({}), { message: /'concurrency' must be .* got undefined$/ });
    // @ts-expect-error: as above
    assert.throws(() => limiter({ concurrency: 2, rejectOnClear: "yes" }), {
      message: `Cannot create limiter: 'rejectOnClear' must be a boolean, got "yes"`,
    });
    const limit = limiter(Infinity);
    assert.throws(() => (limit.concurrency = -1), {
      message: "Cannot change limiter: 'concurrency' must be an integer >= 1 or Infinity, got -1",
    });
    assert.equal(limit.concurrency, Infinity);
    // @ts-expect-error: as above
    await assert.rejects(limit("not a function"), {
      message: "Cannot run task: 'fn' must be a function, got string",
    });
    await assert.rejects(
      limit.withSignal({ aborted: false } as AbortSignal, () => 1),
      {
        message: "Cannot run task: 'signal' must be an AbortSignal, got an object",
      },
    );
    await assert.rejects(
      limit.map(5 as unknown as number[], () => 1),
      {
        message: "Cannot map: 'iterable' must be iterable, got 5",
      },
    );
  });

  it("map() rejects with the iterable's own error and leaves nothing unhandled", async () => {
    const limit = limiter(1);
    const failure = new Error("iterator broke");
    function* items(): Generator<number> {
      yield 1;
      yield 2;
      throw failure;
    }
    const unhandled = await unhandledDuring(async () => {
      const failing = (): Promise<never> => Promise.reject(new Error("task failed"));
      await assert.rejects(limit.map(items(), failing), (e) => e === failure);
      await sleep(100);
    });
    assert.equal(unhandled, 0);
  });
});

describe("limitFunction()", () => {
  useTimeScale(0.01);

  it("runs its documented example: two calls at a time", async () => {
    const { task, peak } = tracker();
    const urls = ["/a", "/b", "/c", "/d", "/e"];
    const fetchPage = async (url: string): Promise<string> => (await task(300), `page ${url}`);
    const fetchOne = limitFunction(fetchPage, { concurrency: 2 });
    const pages = await Promise.all(urls.map((url) => fetchOne(url))); // 2 at a time
    assert.deepEqual(
      pages,
      urls.map((url) => `page ${url}`),
    );
    assert.equal(peak(), 2);
  });

  it("has clearQueue(), which honours rejectOnClear", async () => {
    const slow = limitFunction((ms: number) => sleep(ms), { concurrency: 1, rejectOnClear: true });
    const first = slow(200);
    const dropped = slow(200);
    slow.clearQueue();
    await assert.rejects(dropped, { name: "AbortError" });
    await first;
  });

  it("names a bad function", () => {
    // @ts-expect-error: a wrong argument, as plain JavaScript could pass it
    assert.throws(() => limitFunction(null, 2), {
      message: "Cannot limit function: 'fn' must be a function, got object",
    });
  });
});
