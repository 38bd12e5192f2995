// Shared by the limiter tests: probes of how many tasks run at once, isPending, unhandledDuring,
// and both limiters (ours and p-limit, the reference) behind one type.
import { setTimeout as delay } from "node:timers/promises";
import { limiter, limitFunction, sleep, type LimiterOptions } from "@async-ts/lib";
import pLimit, { limitFunction as pLimitFunction } from "p-limit";

/** A task that records how many tasks were running at once. */
export function tracker(): {
  task: (ms: number, fail?: boolean) => Promise<number>;
  peak: () => number;
} {
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

/** Counts unhandled rejections while `body` runs and for a few timer turns after it. */
export async function unhandledDuring(body: () => Promise<void>): Promise<number> {
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

/** What both implementations offer; p-limit's own type has the same members. */
export interface Limit {
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
export type MakeLimit = (concurrency: number | LimiterOptions) => Limit;
export type MakeLimitFunction = <A extends unknown[], R>(
  fn: (...args: A) => PromiseLike<R>,
  options: LimiterOptions,
) => (...args: A) => Promise<R>;

export const implementations: [string, MakeLimit, MakeLimitFunction][] = [
  ["limiter()", limiter, limitFunction],
  ["p-limit (the reference)", pLimit, pLimitFunction],
];

/** A task body that records how many tasks run at once. */
export function concurrencyProbe(): { run: (ms: number) => Promise<void>; peak: () => number } {
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
export async function isPending(promise: Promise<unknown>): Promise<boolean> {
  const marker = Symbol("pending");
  return (await Promise.race([promise, delay(20, marker)])) === marker;
}
