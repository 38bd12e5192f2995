// Our limiter beyond p-limit's own suite (limiter-p-limit*.test.ts): the error messages and the
// differences issue 12 found (async context, synchronous calls; clearQueue's default is in
// limiter-abort.test.ts with the per-task signal, retention in retention.test.ts).
import assert from "node:assert/strict";
import { AsyncLocalStorage } from "node:async_hooks";
import { limiter, limitFunction, sleep } from "@async-ts/lib";
import { useTimeScale } from "../helpers.js";
import { tracker, unhandledDuring } from "./limiter-helpers.js";

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
