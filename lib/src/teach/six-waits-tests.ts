// The tests of notebook 7's exercise `sixWaits`: six waits on a pool of two one-task-at-a-time workers.
import { strict as assert } from "node:assert";
import { createPool, type PoolResult, type WorkerPool } from "../async/pool.js";
import { timeScale } from "../measure/time.js";
import { isTodo, type ExerciseTest } from "./exercise.js";

/** The exercise's function: six waits of `ms` (guide ms) on `pool`, as io jobs. */
export type SixWaits = (pool: WorkerPool, ms: number) => Promise<PoolResult[]>;

/** Real milliseconds each wait lasts in the tests, at any time scale. */
const WAIT_MS = 400;

/** Runs the reader's function on a fresh, warmed-up pool of two, and times it in real ms. */
async function onFreshPool(sixWaits: SixWaits) {
  const pool = createPool({ threads: 2 });
  try {
    await Promise.all([1, 2].map(() => pool.run({ kind: "primes", limit: 1000 }))); // start both
    const start = performance.now();
    const results = await sixWaits(pool, WAIT_MS / timeScale());
    return { results, realMs: performance.now() - start };
  } catch (error) {
    if (isTodo(error)) throw error;
    throw new Error(`it rejected: ${String(error)}`, { cause: error });
  } finally {
    await pool.close();
  }
}

/**
 * The tests of the `sixWaits` exercise, for `checkCode`. Each runs the reader's function on a
 * fresh pool of two threads (piscina runs one task per worker at a time) with waits of 0.4 s of
 * real time: it must wait six times in all, as io jobs, and finish in about one wait (under
 * 1.6 waits), where six one-wait jobs take three rounds.
 * @param sixWaits The reader's function.
 * @returns The tests; a `TODO:` error from a stub makes `checkCode` report "not answered yet".
 * @throws {TypeError} When `sixWaits` is not a function.
 * @example
 * ```ts
 * const sixWaits: SixWaits = (pool, ms) =>
 *   Promise.all([1, 2].map(() => pool.run({ kind: "io", ops: 3, ms })));
 * await checkCode("sixWaits()", sixWaitsTests(sixWaits)); // every line ✔
 * ```
 */
export function sixWaitsTests(sixWaits: SixWaits): ExerciseTest[] {
  if (typeof sixWaits !== "function") {
    throw new TypeError(`Cannot test sixWaits: expected a function, got ${typeof sixWaits}`);
  }
  return [
    {
      name: "waits six times in all, in io jobs on the pool",
      run: async () => {
        const { results } = await onFreshPool(sixWaits);
        assert.ok(
          Array.isArray(results),
          `it resolved with ${typeof results}, not the array of results`,
        );
        const kinds = [...new Set(results.map((r) => r.kind))];
        const waits = results.reduce((sum, r) => sum + r.value, 0);
        assert.deepEqual({ kinds, waits }, { kinds: ["io"], waits: 6 });
      },
    },
    {
      name: "finishes in about one wait, not three rounds (under 1.6 waits)",
      run: async () => {
        const { realMs } = await onFreshPool(sixWaits);
        const waits = realMs / WAIT_MS;
        assert.ok(waits >= 0.9, `it took ${waits.toFixed(2)} waits: did it wait at all?`);
        assert.ok(
          waits < 1.6,
          `it took ${waits.toFixed(2)} waits: each worker runs one task at a time`,
        );
      },
    },
  ];
}
