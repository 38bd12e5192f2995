import { stat } from "node:fs";

/** Options for {@link recordOrder}. */
export interface RecordOrderOptions {
  /** Stop waiting for late entries after this many real ms (default 1000). */
  maxWaitMs?: number;
  /** Done when nothing new was logged for this many real ms (default 50). */
  quietMs?: number;
  /** Stop as soon as this many entries were logged. */
  expected?: number;
}

/**
 * Runs a "predict the order" experiment: `setup` schedules callbacks that call `log(label)`,
 * and the returned promise gives the labels in the order they really ran.
 *
 * `setup` runs inside an I/O callback (as in a server's request handler), where Node's order is
 * deterministic. It then waits until `expected` labels were logged, or until nothing new was
 * logged for `quietMs`, bounded by `maxWaitMs`.
 *
 * @param setup Schedules the work; may be async (it is awaited).
 * @param options `expected` count, `quietMs` (default 50) and `maxWaitMs` bound (default 1000).
 * @returns The labels in the order `log` was called.
 * @throws {TypeError} (as a rejection) When `setup` is not a function.
 * @throws {unknown} (as a rejection) Whatever `setup` throws.
 * @example
 * ```ts
 * const order = await recordOrder((log) => {
 *   setTimeout(() => log("timeout"));
 *   Promise.resolve().then(() => log("microtask"));
 *   process.nextTick(() => log("nextTick"));
 *   log("sync");
 * }); // ["sync", "nextTick", "microtask", "timeout"]
 * ```
 */
export async function recordOrder(
  setup: (log: (label: string) => void) => unknown,
  options: RecordOrderOptions = {},
): Promise<string[]> {
  if (typeof setup !== "function") {
    throw new TypeError(`Cannot record order: 'setup' must be a function, got ${typeof setup}`);
  }
  const { maxWaitMs = 1000, quietMs = 50, expected } = options;
  const order: string[] = [];
  const log = (label: string): void => void order.push(String(label));
  // Run setup inside an I/O callback, like a request handler: there the order is deterministic
  // (nextTick before promise callbacks, setImmediate before setTimeout 0). Inside an already
  // running promise callback (e.g. after an await in a cell) promise callbacks would come first.
  await new Promise<void>((resolve, reject) => {
    stat(__filename, () => {
      try {
        Promise.resolve(setup(log)).then(() => resolve(), reject);
      } catch (error) {
        // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- passed on unchanged
        reject(error);
      }
    });
  });
  const deadline = performance.now() + maxWaitMs;
  let seen = order.length;
  let lastNews = performance.now();
  // Quiet means: event-loop turns (each with a short timer) adding no label for `quietMs`.
  while (performance.now() < deadline && (expected === undefined || order.length < expected)) {
    await new Promise((resolve) => setTimeout(resolve, 2));
    await new Promise((resolve) => setImmediate(resolve));
    if (order.length !== seen) [seen, lastNews] = [order.length, performance.now()];
    else if (expected === undefined && performance.now() - lastNews >= quietMs) break;
  }
  return order;
}
