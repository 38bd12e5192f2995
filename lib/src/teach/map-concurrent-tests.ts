// The tests of notebook 9's exercise `mapConcurrent`: N workers pulling from one list.
import { strict as assert } from "node:assert";
import { setTimeout as sleepReal } from "node:timers/promises";
import { isTodo, type ExerciseTest } from "./exercise.js";

/** The exercise's function: maps `items` with `fn`, at most `limit` calls in flight at once. */
export type MapConcurrent = <T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
) => Promise<R[]>;

/** Runs the reader's function on items that each wait their own number of real ms. */
async function tryIt(mapConcurrent: MapConcurrent, durations: number[], limit: number) {
  const events: string[] = [];
  let inFlight = 0;
  let most = 0;
  const fn = async (ms: number): Promise<string> => {
    const i = events.filter((e) => e.startsWith("start")).length;
    events.push(`start ${i}`);
    most = Math.max(most, ++inFlight);
    await sleepReal(Math.abs(ms));
    inFlight--;
    events.push(`end ${i}`);
    if (ms < 0) throw new Error(`item ${i} failed`);
    return `result of ${ms} ms`;
  };
  const outcome = await mapConcurrent(durations, limit, fn).then(
    (value) => ({ value, error: undefined as unknown }),
    (error: unknown) => ({ value: undefined, error }),
  );
  if (outcome.error !== undefined && isTodo(outcome.error)) throw outcome.error as Error;
  return { ...outcome, events, most };
}

/**
 * The tests of the `mapConcurrent` exercise, for `checkCode`: results come back in input order;
 * never more than `limit` calls run at once, and `limit` do run; a free slot is refilled at once,
 * not after the whole wave; an empty list gives `[]`; a failure rejects with its error. The tests
 * read the order of events, so a busy machine cannot turn a right answer wrong.
 * @param mapConcurrent The reader's function.
 * @returns The tests; a `TODO:` error from a stub makes `checkCode` report "not answered yet".
 * @throws {TypeError} When `mapConcurrent` is not a function.
 * @example
 * ```ts
 * const mapConcurrent: MapConcurrent = async (items, limit, fn) => {
 *   const results = new Array<Awaited<ReturnType<typeof fn>>>(items.length);
 *   let next = 0;
 *   const worker = async () => {
 *     while (next < items.length) {
 *       const i = next++;
 *       results[i] = await fn(items[i]!);
 *     }
 *   };
 *   await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
 *   return results;
 * };
 * await checkCode("mapConcurrent()", mapConcurrentTests(mapConcurrent)); // every line ✔
 * ```
 */
export function mapConcurrentTests(mapConcurrent: MapConcurrent): ExerciseTest[] {
  if (typeof mapConcurrent !== "function") {
    throw new TypeError(
      `Cannot test mapConcurrent: expected a function, got ${typeof mapConcurrent}`,
    );
  }
  return [
    {
      name: "results in input order, whatever order the calls finish in",
      run: async () => {
        const r = await tryIt(mapConcurrent, [60, 10, 30, 20], 2);
        assert.deepEqual(
          r.value,
          [60, 10, 30, 20].map((ms) => `result of ${ms} ms`),
        );
      },
    },
    {
      name: "never more than 'limit' calls at once, and 'limit' do run together (10 items, limit 3)",
      run: async () => {
        const r = await tryIt(mapConcurrent, Array<number>(10).fill(15), 3);
        assert.equal(r.most, 3, `at most ${r.most} calls were in flight at once`);
        assert.equal(r.events.length, 20, "every item should be called once");
      },
    },
    {
      name: "refills a free slot at once: with [200, 20, 20, 20] and limit 2, item 3 starts before item 0 ends",
      run: async () => {
        const r = await tryIt(mapConcurrent, [200, 20, 20, 20], 2);
        const at = (e: string) => r.events.indexOf(e);
        assert.ok(at("start 3") >= 0 && at("start 3") < at("end 0"), r.events.join(", "));
      },
    },
    {
      name: "an empty list resolves with [] and calls nothing",
      run: async () => {
        const r = await tryIt(mapConcurrent, [], 2);
        assert.deepEqual({ value: r.value, events: r.events }, { value: [], events: [] });
      },
    },
    {
      name: "a failing call rejects with its error",
      run: async () => {
        const r = await tryIt(mapConcurrent, [20, -1, 20], 2);
        assert.ok(r.error instanceof Error, `it resolved with ${JSON.stringify(r.value)}`);
        assert.equal(r.error.message, "item 1 failed");
      },
    },
  ];
}
