// The tests of notebook 7's exercise `countPrimesInWorker`: a Worker wrapped in a promise.
import { strict as assert } from "node:assert";
import { countPrimes } from "../measure/count-primes.js";
import { isTodo, type ExerciseTest } from "./exercise.js";
import { longestStall } from "./longest-stall.js";

/** The exercise's function: counts the primes below `limit` on a new worker thread. */
export type CountPrimesInWorker = (limit: number) => Promise<number>;

/**
 * The worker's code, for `new Worker(COUNT_PRIMES_WORKER, { eval: true, workerData: limit })`:
 * it counts the primes below `workerData`, posts the count, and ends; a limit that is not an
 * integer >= 0 makes it throw a RangeError, which reaches the parent as an 'error' event; the
 * limit `"quit"` makes it exit at once, posting nothing (an 'exit' event and nothing else).
 */
export const COUNT_PRIMES_WORKER = `const { parentPort, workerData: limit } = require("node:worker_threads");
if (limit === "quit") process.exit(0); // ends without posting anything or throwing
if (!Number.isSafeInteger(limit) || limit < 0) {
  throw new RangeError("'limit' must be an integer >= 0, got " + limit);
}
let count = 0;
for (let n = 2; n < limit; n++) {
  let prime = true;
  for (let d = 2; d * d <= n; d++) if (n % d === 0) { prime = false; break; }
  if (prime) count++;
}
parentPort.postMessage(count);`;

/** Calls the reader's function; a stub's TODO error is rethrown so checkCode sees it. */
async function settle(count: CountPrimesInWorker, limit: number) {
  const outcome = await count(limit).then(
    (value) => ({ value, error: undefined as unknown }),
    (error: unknown) => ({ value: undefined, error }),
  );
  if (outcome.error !== undefined && isTodo(outcome.error)) throw outcome.error as Error;
  return outcome;
}

/** `settle`, or undefined after 5 s; the timer is cleared either way, so none runs on. */
async function settleWithin5s(count: CountPrimesInWorker, limit: number) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const giveUp = new Promise<undefined>((resolve) => {
    timer = setTimeout(resolve, 5000, undefined);
  });
  try {
    return await Promise.race([settle(count, limit), giveUp]);
  } finally {
    clearTimeout(timer);
  }
}

/** A limit whose count takes at least `ms` on this thread, found by doubling. */
function limitTaking(ms: number): number {
  let limit = 50_000;
  for (;;) {
    const t0 = performance.now();
    countPrimes(limit);
    if (performance.now() - t0 >= ms) return limit;
    limit *= 2;
  }
}

/**
 * The tests of the `countPrimesInWorker` exercise, for `checkCode`: the count is right, the event
 * loop stays free while the worker counts (a 10 ms ticker is never held up for half the call),
 * an error thrown in the worker rejects the promise, and a worker that exits without posting
 * (limit `"quit"`) rejects it too, instead of leaving it pending.
 * @param countPrimesInWorker The reader's function.
 * @returns The tests; a `TODO:` error from a stub makes `checkCode` report "not answered yet".
 * @throws {TypeError} When `countPrimesInWorker` is not a function.
 * @example
 * ```ts
 * const countPrimesInWorker: CountPrimesInWorker = (limit) =>
 *   new Promise((resolve, reject) => {
 *     const worker = new Worker(COUNT_PRIMES_WORKER, { eval: true, workerData: limit });
 *     worker.once("message", resolve);
 *     worker.once("error", reject);
 *     worker.once("exit", (code) => reject(new Error(`the worker exited with code ${code}`)));
 *   });
 * await checkCode("countPrimesInWorker()", countInWorkerTests(countPrimesInWorker)); // all ✔
 * ```
 */
export function countInWorkerTests(countPrimesInWorker: CountPrimesInWorker): ExerciseTest[] {
  if (typeof countPrimesInWorker !== "function") {
    throw new TypeError(
      `Cannot test countPrimesInWorker: expected a function, got ${typeof countPrimesInWorker}`,
    );
  }
  return [
    {
      name: "counts right: 25 primes below 100, 168 below 1000",
      run: async () => {
        const [a, b] = [
          await settle(countPrimesInWorker, 100),
          await settle(countPrimesInWorker, 1000),
        ];
        assert.deepEqual([a.value, b.value], [25, 168]);
      },
    },
    {
      name: "keeps the event loop free: a 10 ms ticker is never held up for half the call",
      run: async () => {
        const limit = limitTaking(200);
        const expected = countPrimes(limit); // before the ticker starts: this blocks the loop
        const {
          value: r,
          tookMs: took,
          longestMs: longest,
        } = await longestStall(() => settle(countPrimesInWorker, limit), 10);
        assert.equal(r.value, expected, `wrong count below ${limit}`);
        assert.ok(
          longest < took / 2,
          `the loop was stuck for ${longest.toFixed(0)} ms of a ${took.toFixed(0)} ms call`,
        );
      },
    },
    {
      name: "an error thrown in the worker rejects the promise (limit -1)",
      run: async () => {
        const r = await settleWithin5s(countPrimesInWorker, -1);
        assert.ok(r, "still pending after 5 s: listen for the worker's 'error' event");
        assert.ok(r.error instanceof Error, `it resolved with ${String(r.value)}`);
        assert.match(r.error.message, /'limit' must be an integer >= 0, got -1/);
      },
    },
    {
      name: 'a worker that exits without posting rejects the promise (limit "quit")',
      run: async () => {
        const r = await settleWithin5s(countPrimesInWorker, "quit" as unknown as number);
        assert.ok(r, "still pending after 5 s: listen for the worker's 'exit' event");
        assert.ok(r.error instanceof Error, `it resolved with ${String(r.value)}`);
      },
    },
  ];
}
