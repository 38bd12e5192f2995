// The tests of notebook 8's exercise `sumRootsChunked`: a blocking loop made to yield.
import { strict as assert } from "node:assert";
import { isTodo, type ExerciseTest } from "./exercise.js";
import { longestStall } from "./longest-stall.js";

/** The exercise's function: the sum of Math.sqrt(i) for 0 <= i < n, yielding every `chunk`. */
export type SumRootsChunked = (n: number, chunk: number) => Promise<number>;

/** The same sum in one blocking loop, the reference the reader's result must equal. */
function sumRoots(n: number): number {
  let sum = 0;
  for (let i = 0; i < n; i++) sum += Math.sqrt(i);
  return sum;
}

/** An n whose plain loop takes at least `ms` here, found by doubling. */
function nTaking(ms: number): number {
  let n = 1_000_000;
  for (;;) {
    const t0 = performance.now();
    sumRoots(n);
    if (performance.now() - t0 >= ms) return n;
    n *= 2;
  }
}

/** Calls the reader's function; a stub's TODO error is rethrown so checkCode sees it. */
async function settle(promise: Promise<number>): Promise<number> {
  try {
    return await promise;
  } catch (error) {
    if (isTodo(error)) throw error;
    throw new Error(`it rejected: ${String(error)}`, { cause: error });
  }
}

/**
 * The tests of the `sumRootsChunked` exercise, for `checkCode`: the sum equals the plain loop's;
 * the event loop gets a turn between chunks (a 5 ms ticker is never held up for half the run);
 * and the call returns before computing anything (it yields before the first chunk).
 * @param sumRootsChunked The reader's function.
 * @returns The tests; a `TODO:` error from a stub makes `checkCode` report "not answered yet".
 * @throws {TypeError} When `sumRootsChunked` is not a function.
 * @example
 * ```ts
 * const sumRootsChunked: SumRootsChunked = async (n, chunk) => {
 *   let sum = 0;
 *   for (let start = 0; start < n; start += chunk) {
 *     await setImmediate(); // from node:timers/promises
 *     for (let i = start; i < Math.min(n, start + chunk); i++) sum += Math.sqrt(i);
 *   }
 *   return sum;
 * };
 * await checkCode("sumRootsChunked()", yieldChunksTests(sumRootsChunked)); // every line ✔
 * ```
 */
export function yieldChunksTests(sumRootsChunked: SumRootsChunked): ExerciseTest[] {
  if (typeof sumRootsChunked !== "function") {
    throw new TypeError(
      `Cannot test sumRootsChunked: expected a function, got ${typeof sumRootsChunked}`,
    );
  }
  return [
    {
      name: "sums right: n = 0, n = 1000 in chunks of 100, n = 1050 in chunks of 100",
      run: async () => {
        const got = [
          await settle(sumRootsChunked(0, 100)),
          await settle(sumRootsChunked(1000, 100)),
          await settle(sumRootsChunked(1050, 100)),
        ];
        assert.deepEqual(got, [0, sumRoots(1000), sumRoots(1050)]);
      },
    },
    {
      name: "gives the loop a turn between chunks: a 5 ms ticker is never held up for half the run",
      run: async () => {
        // Long enough that the OS pausing this thread on a busy machine is a small part of the run.
        const n = nTaking(300);
        const expected = sumRoots(n); // before the ticker starts: this blocks the loop
        const {
          value: sum,
          tookMs: took,
          longestMs: longest,
        } = await longestStall(() => settle(sumRootsChunked(n, Math.ceil(n / 100))), 5);
        assert.equal(sum, expected, `wrong sum for n = ${n}`);
        assert.ok(
          longest < took / 2,
          `the loop was stuck for ${longest.toFixed(0)} ms of a ${took.toFixed(0)} ms run`,
        );
      },
    },
    {
      name: "returns at once and computes later: it yields before the first chunk",
      run: async () => {
        const n = nTaking(100);
        const t0 = performance.now();
        const promise = sumRootsChunked(n, n); // one chunk: all the work
        const inCall = performance.now() - t0;
        await settle(promise);
        const took = performance.now() - t0;
        assert.ok(
          inCall < took / 3,
          `the call itself took ${inCall.toFixed(0)} ms of ${took.toFixed(0)} ms: ` +
            "the first chunk ran before it returned (await a turn first)",
        );
      },
    },
  ];
}
