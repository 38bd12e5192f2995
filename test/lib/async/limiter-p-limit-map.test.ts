// p-limit's own test suite, continued from limiter-p-limit.test.ts: map(), the options object,
// changing concurrency while tasks run, and limitFunction(). Each behaviour runs against our
// limiter and against p-limit itself.
import assert from "node:assert/strict";
import { setTimeout as delay } from "node:timers/promises";
import { concurrencyProbe, implementations } from "./limiter-helpers.js";

for (const [name, makeLimit, makeLimitFunction] of implementations) {
  describe(`${name}: p-limit's behaviours: map(), options, changing concurrency`, () => {
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

    const changes = [
      {
        name: "lowering concurrency lets the running tasks finish and then starts fewer",
        from: 4,
        to: 2,
        log: [1, 2, 3, 4, 2, 2, 2, 2, 2, 2],
      },
      {
        name: "raising concurrency starts more of the waiting tasks",
        from: 2,
        to: 4,
        log: [1, 2, 3, 4, 4, 4, 4, 4, 4, 4],
      },
    ];
    for (const { name, from, to, log: expected } of changes) {
      it(name, async () => {
        const limit = makeLimit(from);
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
        assert.equal(running, from);
        limit.concurrency = to;
        await Promise.all(all);
        assert.deepEqual(log, expected);
      });
    }

    it("limitFunction() never runs more than 'concurrency' calls of the function at once", async () => {
      const { run, peak } = concurrencyProbe();
      const limited = makeLimitFunction(run, { concurrency: 5 });
      await Promise.all(Array.from({ length: 100 }, (_, i) => limited(5 + ((i * 7) % 25))));
      assert.equal(peak(), 5);
    });
  });
}
