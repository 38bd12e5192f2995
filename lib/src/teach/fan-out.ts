// A fan-out watched: many simulated requests through a limiter, with the event loop's health.
import { limiter } from "../async/limiter.js";
import { loopHealth, type LoopHealth } from "../measure/loop-health.js";
import { simulate } from "../async/simulate.js";

/** What to fan out: how many simulated requests, how many at once, and how long each waits. */
export interface FanOutOptions {
  /** How many requests (default 10,000). */
  tasks?: number;
  /** At most this many in flight (default Infinity: all at once). */
  concurrency?: number;
  /** Each request's wait, in guide ms (default 500). */
  ms?: number;
}

/**
 * Starts every request at once through `limiter(concurrency)` (each one a `simulate` wait), and
 * watches the event loop with `loopHealth` until all have settled. Creating thousands of promises
 * and timers in one go is synchronous work: it shows up as one long stall (`maxMs`).
 * @param options `tasks`, `concurrency` and `ms`.
 * @returns The loop's health; `value` holds the results, in order (0 … tasks-1).
 * @throws {RangeError} (as a rejection) When `tasks` is not an integer >= 0 (and the limiter's
 *   own error for a bad `concurrency`).
 * @example
 * ```ts
 * const health = await fanOut({ tasks: 10_000, concurrency: 2500 });
 * console.log(formatLoopHealth(health)); // "loop delay p50 0.2 ms, … max 18.1 ms …"
 * ```
 */
export async function fanOut(options: FanOutOptions = {}): Promise<LoopHealth<number[]>> {
  const { tasks = 10_000, concurrency = Infinity, ms = 500 } = options;
  if (!Number.isInteger(tasks) || tasks < 0) {
    throw new RangeError(`Cannot fan out: 'tasks' must be an integer >= 0, got ${tasks}`);
  }
  const limit = limiter(concurrency);
  return loopHealth(() =>
    Promise.all(Array.from({ length: tasks }, (_, i) => limit(() => simulate(`task ${i}`, ms, i)))),
  );
}
