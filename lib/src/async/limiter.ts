/** A task waiting for a free slot. `fn` becomes undefined when it left the queue early. */
interface Waiting {
  fn: ((...args: never[]) => unknown) | undefined;
  args: unknown[];
  resolve: (value: unknown) => void;
  reject: (reason: unknown) => void;
  signal: AbortSignal | undefined;
  onAbort: (() => void) | undefined;
}

/** Runs functions with at most `concurrency` of them in flight, in call order (p-limit's shape). */
export interface Limiter {
  /** Runs `fn(...args)` as soon as a slot is free; settles like `fn` does. */
  <A extends unknown[], R>(fn: (...args: A) => R | PromiseLike<R>, ...args: A): Promise<R>;
  /** Like calling the limiter, but a waiting task leaves the queue when `signal` aborts. */
  withSignal<A extends unknown[], R>(
    signal: AbortSignal | undefined,
    fn: (...args: A) => R | PromiseLike<R>,
    ...args: A
  ): Promise<R>;
  /** Tasks running now. */
  readonly activeCount: number;
  /** Tasks waiting for a slot. */
  readonly pendingCount: number;
  /** The most tasks in flight at once; raising it starts waiting tasks at once. */
  concurrency: number;
  /** Rejects every waiting task with `reason` (unlike p-limit, whose cleared tasks never settle). */
  clearQueue(reason?: unknown): void;
}

function checkConcurrency(value: number, action: string): void {
  if (!((Number.isInteger(value) || value === Infinity) && value >= 1)) {
    throw new RangeError(`Cannot ${action}: 'concurrency' must be >= 1, got ${value}`);
  }
}

/**
 * Creates a limiter: a small semaphore with the same API as p-limit, plus abort support.
 *
 * @param concurrency The most tasks in flight at once: an integer >= 1, or `Infinity`.
 * @returns The limiter function with `activeCount`, `pendingCount`, `concurrency`, `clearQueue()`.
 * @throws {RangeError} When `concurrency` is not an integer >= 1 (the limiter itself never
 *   throws: a bad task argument or an aborted signal rejects the returned promise).
 * @example
 * ```ts
 * const limit = limiter(2);
 * const pages = await Promise.all(urls.map((url) => limit(fetchPage, url))); // 2 at a time
 * ```
 */
export function limiter(concurrency: number): Limiter {
  checkConcurrency(concurrency, "create limiter");
  let max = concurrency;
  let active = 0;
  let pending = 0;
  // A plain array with a moving head: O(1) dequeue without shifting on every task.
  let queue: Waiting[] = [];
  let head = 0;

  const release = (): void => {
    active--;
    startWaiting();
  };

  const run = async (fn: (...args: never[]) => unknown, args: unknown[]): Promise<unknown> => {
    try {
      return await fn(...(args as never[]));
    } finally {
      release();
    }
  };

  const startWaiting = (): void => {
    while (active < max && head < queue.length) {
      const task = queue[head++]!;
      if (head > 1024 && head * 2 > queue.length) {
        queue = queue.slice(head);
        head = 0;
      }
      if (task.fn === undefined) continue;
      pending--;
      active++;
      if (task.onAbort !== undefined) task.signal?.removeEventListener("abort", task.onAbort);
      run(task.fn, task.args).then(task.resolve, task.reject);
    }
  };

  const schedule = (
    signal: AbortSignal | undefined,
    fn: (...args: never[]) => unknown,
    args: unknown[],
  ): Promise<unknown> => {
    if (typeof fn !== "function") {
      return Promise.reject(
        new TypeError(`Cannot run task: 'fn' must be a function, got ${typeof fn}`),
      );
    }
    if (signal?.aborted) return Promise.reject(signal.reason as Error);
    if (active < max && pending === 0) {
      active++;
      return run(fn, args);
    }
    return new Promise((resolve, reject) => {
      const task: Waiting = { fn, args, resolve, reject, signal, onAbort: undefined };
      if (signal !== undefined) {
        task.onAbort = () => {
          task.fn = undefined;
          pending--;
          reject(signal.reason as Error);
        };
        signal.addEventListener("abort", task.onAbort, { once: true });
      }
      queue.push(task);
      pending++;
    });
  };

  const limit = ((fn: (...args: never[]) => unknown, ...args: unknown[]) =>
    schedule(undefined, fn, args)) as Limiter;
  Object.defineProperties(limit, {
    withSignal: {
      value: (
        signal: AbortSignal | undefined,
        fn: (...a: never[]) => unknown,
        ...args: unknown[]
      ) => schedule(signal, fn, args),
    },
    activeCount: { get: () => active },
    pendingCount: { get: () => pending },
    concurrency: {
      get: () => max,
      set: (value: number) => {
        checkConcurrency(value, "change limiter");
        max = value;
        startWaiting();
      },
    },
    clearQueue: {
      value: (reason: unknown = new Error("Cannot run task: the limiter's queue was cleared")) => {
        const dropped = queue.slice(head);
        queue = [];
        head = 0;
        pending = 0;
        for (const task of dropped) {
          if (task.fn === undefined) continue;
          if (task.onAbort !== undefined) task.signal?.removeEventListener("abort", task.onAbort);
          task.reject(reason);
        }
      },
    },
  });
  return limit;
}
