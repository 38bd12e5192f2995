// p-limit's own test suite (sindresorhus/p-limit test.js, 22 tests), restated in our words. Each
// behaviour runs against our limiter and against p-limit itself, so the tests are shown to
// describe p-limit and not only our reading of it. Here: running, arguments, errors, counts and
// clearQueue(); map(), options, changing concurrency and limitFunction() are in
// limiter-p-limit-map.test.ts.
import assert from "node:assert/strict";
import { AsyncLocalStorage } from "node:async_hooks";
import { setTimeout as delay } from "node:timers/promises";
import { since } from "../helpers.js";
import { concurrencyProbe, implementations, isPending } from "./limiter-helpers.js";

for (const [name, makeLimit] of implementations) {
  describe(`${name}: p-limit's behaviours`, () => {
    it("runs one task at a time with concurrency 1, in call order", async () => {
      const limit = makeLimit(1);
      const start = performance.now();
      const jobs: [number, number][] = [
        [10, 150],
        [20, 100],
        [30, 50],
      ];
      const values = await Promise.all(
        jobs.map(([value, ms]) => limit(async () => (await delay(ms), value))),
      );
      assert.deepEqual(values, [10, 20, 30]);
      const ms = since(start);
      // One after another takes the sum (300 ms); all at once would take the longest (150 ms).
      assert.ok(ms >= 290 && ms < 900, `took ${ms} ms`);
    });

    it("never runs more than 'concurrency' tasks at once", async () => {
      const limit = makeLimit(5);
      const { run, peak } = concurrencyProbe();
      await Promise.all(Array.from({ length: 100 }, (_, i) => limit(run, 5 + ((i * 7) % 25))));
      assert.equal(peak(), 5);
    });

    it("runs each task in its caller's async context", async () => {
      const limit = makeLimit(2);
      const store = new AsyncLocalStorage<{ id: number }>();
      const seen: (number | undefined)[] = [];
      const check = async (id: number): Promise<void> => {
        await Promise.resolve();
        seen[id] = store.getStore()?.id;
      };
      await Promise.all(
        Array.from({ length: 100 }, (_, id) => store.run({ id }, () => limit(check, id))),
      );
      assert.deepEqual(
        seen,
        Array.from({ length: 100 }, (_, id) => id),
      );
    });

    it("accepts a function that returns a plain value", async () => {
      const limit = makeLimit(1);
      assert.equal(await limit(() => null), null);
    });

    it("goes on with the next task after one throws synchronously", async () => {
      const limit = makeLimit(1);
      let ran = false;
      const results = await Promise.allSettled([
        limit(() => {
          throw new Error("sync failure");
        }),
        limit(() => {
          ran = true;
        }),
      ]);
      assert.equal(ran, true);
      assert.deepEqual(
        results.map((r) => (r.status === "rejected" ? (r.reason as Error).message : r.status)),
        ["sync failure", "fulfilled"],
      );
    });

    it("passes extra arguments on to the function", async () => {
      const limit = makeLimit(1);
      const token = Symbol("token");
      assert.equal(await limit((received: symbol) => received, token), token);
    });

    it("passes a shared argument through a helper built on the limiter", async () => {
      const limit = makeLimit(1);
      const shared = { values: [] as string[] };
      const withShared = <A extends unknown[], R>(
        fn: (context: typeof shared, ...args: A) => Promise<R>,
        ...args: A
      ): Promise<R> => limit(fn, shared, ...args);
      const add = async (context: typeof shared, value: string): Promise<number> => {
        context.values.push(value);
        await delay(10);
        return context.values.length;
      };
      const first = withShared(add, "first");
      const second = withShared(add, "second");
      assert.equal(limit.activeCount, 1);
      assert.equal(limit.pendingCount, 1);
      assert.deepEqual(await Promise.all([first, second]), [1, 2]);
      assert.deepEqual(shared.values, ["first", "second"]);
    });

    it("rejects with the task's own error", async () => {
      const limit = makeLimit(1);
      const error = new Error("the second task failed");
      const all = Promise.all([
        limit(() => delay(30)),
        limit(async () => {
          await delay(80);
          throw error;
        }),
        limit(() => delay(50)),
      ]);
      await assert.rejects(all, (e) => e === error);
    });

    it("calls every function asynchronously, never inside limit()", async () => {
      const limit = makeLimit(3);
      let value = 1;
      const one = limit(() => 1);
      const two = limit(() => value);
      assert.equal(limit.activeCount, 2);
      value = 2; // the second function has not run yet, so it sees this
      assert.deepEqual(await Promise.all([one, two]), [1, 2]);
    });

    it("counts active and pending tasks as they start and settle", async () => {
      const limit = makeLimit(5);
      assert.deepEqual([limit.activeCount, limit.pendingCount], [0, 0]);
      const alone = limit(() => delay(100));
      assert.deepEqual([limit.activeCount, limit.pendingCount], [1, 0]);
      await alone;
      assert.deepEqual([limit.activeCount, limit.pendingCount], [0, 0]);
      const first = Array.from({ length: 5 }, () => limit(() => delay(100)));
      const later = Array.from({ length: 3 }, () => limit(() => delay(100)));
      assert.deepEqual([limit.activeCount, limit.pendingCount], [5, 3]);
      await Promise.all(first);
      assert.deepEqual([limit.activeCount, limit.pendingCount], [3, 0]);
      await Promise.all(later);
      assert.deepEqual([limit.activeCount, limit.pendingCount], [0, 0]);
    });

    it("clearQueue() drops the waiting tasks and leaves their promises pending", async () => {
      const limit = makeLimit(1);
      const running = limit(() => delay(50));
      let ran = 0;
      const waiting = Array.from({ length: 3 }, () => limit(() => void ran++));
      await Promise.resolve();
      assert.equal(limit.pendingCount, 3);
      limit.clearQueue();
      assert.equal(limit.pendingCount, 0);
      await running;
      assert.deepEqual(await Promise.all(waiting.map(isPending)), [true, true, true]);
      assert.equal(ran, 0);
    });

    it("clearQueue() rejects the waiting tasks with an AbortError under rejectOnClear", async () => {
      const limit = makeLimit({ concurrency: 1, rejectOnClear: true });
      const running = limit(() => delay(100));
      const first = limit(() => delay(10));
      const second = limit(() => delay(10));
      await Promise.resolve();
      assert.equal(limit.pendingCount, 2);
      limit.clearQueue();
      assert.equal(limit.pendingCount, 0);
      const rejections = Promise.all([
        assert.rejects(first, { name: "AbortError" }),
        assert.rejects(second, { name: "AbortError" }),
      ]);
      await running;
      await rejections;
    });
  });
}
