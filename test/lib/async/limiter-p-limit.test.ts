// p-limit's own test suite (sindresorhus/p-limit test.js, 22 tests), restated in our words. Each
// behaviour runs against our limiter and against p-limit itself, so the tests are shown to
// describe p-limit and not only our reading of it.
import assert from "node:assert/strict";
import { AsyncLocalStorage } from "node:async_hooks";
import { setTimeout as delay } from "node:timers/promises";
import { limiter, limitFunction, type LimiterOptions } from "@async-ts/lib";
import pLimit, { limitFunction as pLimitFunction } from "p-limit";
import { since } from "../helpers.js";

/** What both implementations offer; p-limit's own type has the same members. */
interface Limit {
  <A extends unknown[], R>(fn: (...args: A) => R | PromiseLike<R>, ...args: A): Promise<R>;
  readonly activeCount: number;
  readonly pendingCount: number;
  concurrency: number;
  clearQueue: () => void;
  map: <T, R>(
    items: Iterable<T>,
    fn: (item: T, index: number) => R | PromiseLike<R>,
  ) => Promise<R[]>;
}
type MakeLimit = (concurrency: number | LimiterOptions) => Limit;
type MakeLimitFunction = <A extends unknown[], R>(
  fn: (...args: A) => PromiseLike<R>,
  options: LimiterOptions,
) => (...args: A) => Promise<R>;

const implementations: [string, MakeLimit, MakeLimitFunction][] = [
  ["limiter()", limiter, limitFunction],
  ["p-limit (the reference)", pLimit, pLimitFunction],
];

/** A task body that records how many tasks run at once. */
function concurrencyProbe(): { run: (ms: number) => Promise<void>; peak: () => number } {
  let running = 0;
  let peak = 0;
  const run = async (ms: number): Promise<void> => {
    running++;
    peak = Math.max(peak, running);
    await delay(ms);
    running--;
  };
  return { run, peak: () => peak };
}

/** Whether `promise` is still pending after other timers have had a chance to run. */
async function isPending(promise: Promise<unknown>): Promise<boolean> {
  const marker = Symbol("pending");
  return (await Promise.race([promise, delay(20, marker)])) === marker;
}

for (const [name, makeLimit, makeLimitFunction] of implementations) {
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

    it("map() runs the function over every item", async () => {
      const limit = makeLimit(1);
      assert.deepEqual(await limit.map([1, 2, 3, 4, 5, 6, 7], (n) => n + 1), [2, 3, 4, 5, 6, 7, 8]);
    });

    it("map() works detached from its limiter and shares its limit", async () => {
      const limit = makeLimit(1);
      const { map } = limit;
      const { run, peak } = concurrencyProbe();
      const double = async (n: number): Promise<number> => (await run(10), n * 2);
      const direct = limit(double, 1);
      const mapped = map([2, 3], double);
      assert.deepEqual(await Promise.all([direct, mapped]), [2, [4, 6]]);
      assert.equal(peak(), 1);
    });

    it("map() passes each item's index and keeps the input order", async () => {
      const limit = makeLimit(3);
      const items = [10, 10, 10, 10, 10];
      // Later items finish first, so completion order is the reverse of input order.
      const results = await limit.map(items, async (value, index) => {
        await delay((items.length - index) * 5);
        return value + index;
      });
      assert.deepEqual(results, [10, 11, 12, 13, 14]);
    });

    it("map() accepts a Set", async () => {
      const limit = makeLimit(2);
      assert.deepEqual(await limit.map(new Set([1, 2, 3, 4]), (n) => n * 2), [2, 4, 6, 8]);
    });

    it("map() accepts an iterator", async () => {
      const limit = makeLimit(2);
      assert.deepEqual(await limit.map([1, 2, 3, 4].values(), (n) => n * 2), [2, 4, 6, 8]);
    });

    it("accepts an options object", async () => {
      const limit = makeLimit({ concurrency: 1 });
      const { run, peak } = concurrencyProbe();
      const values = await Promise.all([1, 2].map((v) => limit(async () => (await run(30), v))));
      assert.deepEqual(values, [1, 2]);
      assert.equal(peak(), 1);
      assert.equal(limit.concurrency, 1);
    });

    it("throws for a concurrency that is not an integer >= 1", () => {
      const bad: unknown[] = [0, -1, 1.2, undefined, true, {}, { concurrency: 0 }];
      for (const concurrency of bad) {
        assert.throws(
          () => makeLimit(concurrency as number),
          Error,
          `accepted ${String(concurrency)}`,
        );
      }
    });

    it("lowering concurrency lets the running tasks finish and then starts fewer", async () => {
      const limit = makeLimit(4);
      let running = 0;
      const log: number[] = [];
      const all = Array.from({ length: 10 }, () =>
        limit(async () => {
          log.push(++running);
          await delay(50);
          running--;
        }),
      );
      await delay(0);
      assert.equal(running, 4);
      limit.concurrency = 2;
      await Promise.all(all);
      assert.deepEqual(log, [1, 2, 3, 4, 2, 2, 2, 2, 2, 2]);
    });

    it("raising concurrency starts more of the waiting tasks", async () => {
      const limit = makeLimit(2);
      let running = 0;
      const log: number[] = [];
      const all = Array.from({ length: 10 }, () =>
        limit(async () => {
          log.push(++running);
          await delay(50);
          running--;
        }),
      );
      await delay(0);
      assert.equal(running, 2);
      limit.concurrency = 4;
      await Promise.all(all);
      assert.deepEqual(log, [1, 2, 3, 4, 4, 4, 4, 4, 4, 4]);
    });

    it("limitFunction() never runs more than 'concurrency' calls of the function at once", async () => {
      const { run, peak } = concurrencyProbe();
      const limited = makeLimitFunction(run, { concurrency: 5 });
      await Promise.all(Array.from({ length: 100 }, (_, i) => limited(5 + ((i * 7) % 25))));
      assert.equal(peak(), 5);
    });
  });
}
