import { TaskQueue } from "./task-queue.js";

/** Options for {@link limiter}: p-limit's options object. */
export interface LimiterOptions {
  /** The most tasks in flight at once: an integer >= 1, or `Infinity`. */
  concurrency: number;
  /** Whether `clearQueue()` rejects the cleared tasks with an `AbortError` (default false). */
  rejectOnClear?: boolean;
}

/** Runs functions with at most `concurrency` of them in flight, in call order (p-limit's API). */
export interface Limiter {
  /** Runs `fn(...args)` once a slot is free, always after `limit()` returns; settles like `fn`. */
  <A extends unknown[], R>(fn: (...args: A) => R | PromiseLike<R>, ...args: A): Promise<R>;
  /**
   * Like calling the limiter, but `signal` cancels the task until `fn` starts: a waiting task
   * leaves the queue at once and `fn` is never called; an abort after `fn` started is ignored
   * (pass the signal on to `fn` too for that). Rejects with `signal.reason`.
   */
  readonly withSignal: <A extends unknown[], R>(
    signal: AbortSignal | undefined,
    fn: (...args: A) => R | PromiseLike<R>,
    ...args: A
  ) => Promise<R>;
  /** Runs `fn(item, index)` for every item through the limiter; resolves to the results in order. */
  readonly map: <T, R>(
    iterable: Iterable<T>,
    fn: (item: T, index: number) => R | PromiseLike<R>,
  ) => Promise<R[]>;
  /** Tasks started and not yet settled. */
  readonly activeCount: number;
  /** Tasks waiting for a slot. */
  readonly pendingCount: number;
  /** The most tasks in flight at once; a new value starts waiting tasks in a microtask. */
  concurrency: number;
  /**
   * Drops every waiting task. Like p-limit, the dropped promises stay pending, unless the limiter
   * was made with `rejectOnClear: true` (they reject with an `AbortError`) or a `reason` is given
   * (they reject with it). Running tasks are not touched.
   */
  readonly clearQueue: (reason?: unknown) => void;
}

/** A task; while it waits it is also a node of the limiter's queue. */
interface Task {
  fn: ((...args: unknown[]) => unknown) | undefined;
  args: unknown[] | undefined;
  /** The gate's resolver: starts the task. */
  start: ((task: Task) => void) | undefined;
  /** The gate's rejecter: rejects the caller's promise without running `fn`. */
  cancel: ((reason: unknown) => void) | undefined;
  signal: AbortSignal | undefined;
  onAbort: (() => void) | undefined;
  prev: Task | undefined;
  next: Task | undefined;
}

const NO_ARGS: unknown[] = [];

/** A value as an error message shows it: strings quoted, objects by kind. */
function shown(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (value === null || typeof value !== "object") return String(value);
  return Array.isArray(value) ? "an array" : "an object";
}

function checkConcurrency(value: unknown, action: string): asserts value is number {
  if (!(
    typeof value === "number" &&
    (Number.isInteger(value) || value === Infinity) &&
    value >= 1
  )) {
    const message = `Cannot ${action}: 'concurrency' must be an integer >= 1 or Infinity, got ${shown(value)}`;
    throw typeof value === "number" ? new RangeError(message) : new TypeError(message);
  }
}

// The resolvers of the gate promise being made; a shared executor saves a closure per task.
let madeStart: Task["start"];
let madeCancel: Task["cancel"];
const captureGate = (start: (task: Task) => void, cancel: (reason: unknown) => void): void => {
  madeStart = start;
  madeCancel = cancel;
};

/**
 * Creates a limiter: a semaphore with p-limit's API and behaviour, plus a per-task abort signal.
 *
 * As in p-limit, `fn` is always called asynchronously (never inside `limit()`), and in the async
 * context of the caller of `limit()`, so `AsyncLocalStorage` values set by the caller are seen
 * inside `fn`. The limiter keeps no reference to a task once it has started, been aborted or
 * been cleared.
 *
 * @param concurrency The most tasks in flight at once (an integer >= 1, or `Infinity`), or
 *   p-limit's options object `{ concurrency, rejectOnClear }`.
 * @returns The limiter function, with `withSignal`, `map`, `activeCount`, `pendingCount`,
 *   `concurrency` and `clearQueue()`.
 * @throws {RangeError} When `concurrency` is a number but not an integer >= 1 (or Infinity).
 * @throws {TypeError} When `concurrency` is not a number or `rejectOnClear` is not a boolean.
 *   The limiter itself never throws: a bad task or an aborted signal rejects its promise.
 * @example
 * ```ts
 * const limit = limiter(2);
 * const pages = await Promise.all(urls.map((url) => limit(fetchPage, url))); // 2 at a time
 * const sizes = await limit.map(urls, async (url) => (await fetchPage(url)).length);
 * ```
 */
export function limiter(concurrency: number | LimiterOptions): Limiter {
  let rejectOnClear: unknown = false;
  if (typeof concurrency === "object" && concurrency !== null) {
    ({ concurrency, rejectOnClear = false } = concurrency);
  }
  checkConcurrency(concurrency, "create limiter");
  if (typeof rejectOnClear !== "boolean") {
    throw new TypeError(
      `Cannot create limiter: 'rejectOnClear' must be a boolean, got ${shown(rejectOnClear)}`,
    );
  }
  let max = concurrency;
  let active = 0;
  const queue = new TaskQueue<Task>();

  /** Detaches a task leaving the queue from its gate and its signal. */
  const unwatch = (task: Task): void => {
    if (task.onAbort !== undefined) task.signal?.removeEventListener("abort", task.onAbort);
    task.start = task.cancel = task.onAbort = undefined;
  };

  /** Forgets a task that leaves the queue without running: its function and arguments too. */
  const forget = (task: Task): void => {
    unwatch(task);
    task.fn = task.args = task.signal = undefined;
  };

  const startWaiting = (): void => {
    while (active < max && queue.size > 0) {
      const task = queue.shift()!;
      const start = task.start!;
      unwatch(task);
      active++;
      start(task); // runs the task's `then(run)`, registered in its caller's async context
    }
  };

  const release = (): void => {
    active--;
    startWaiting();
  };

  // A reaction of the task's gate (or of a resolved promise): always asynchronous, and in the
  // async context that was current when `limit()` registered it.
  const run = (task: Task): unknown => {
    const fn = task.fn!;
    const args = task.args!;
    const signal = task.signal;
    task.fn = task.args = task.signal = undefined;
    if (signal?.aborted) {
      // Aborted after it got its slot but before its turn came: fn never starts.
      release();
      throw signal.reason;
    }
    let result: unknown;
    try {
      result = args.length === 0 ? fn() : fn(...args);
    } catch (error) {
      release();
      throw error;
    }
    if (result instanceof Promise) {
      // Frees the slot when fn settles; the caller's promise adopts `result` and keeps its rejection.
      result.then(release, release);
    } else if (typeof (result as PromiseLike<unknown> | null)?.then === "function") {
      result = Promise.resolve(result); // a foreign thenable: call its then() once, as p-limit does
      (result as Promise<unknown>).then(release, release);
    } else {
      release();
    }
    return result;
  };

  const schedule = (
    signal: AbortSignal | undefined,
    fn: (...args: unknown[]) => unknown,
    args: unknown[],
  ): Promise<unknown> => {
    if (typeof fn !== "function") {
      return Promise.reject(
        new TypeError(`Cannot run task: 'fn' must be a function, got ${typeof fn}`),
      );
    }
    if (signal !== undefined && !(signal instanceof AbortSignal)) {
      return Promise.reject(
        new TypeError(`Cannot run task: 'signal' must be an AbortSignal, got ${shown(signal)}`),
      );
    }
    if (signal?.aborted) return Promise.reject(signal.reason as Error);
    const task: Task = {
      fn,
      args,
      start: undefined,
      cancel: undefined,
      signal,
      onAbort: undefined,
      prev: undefined,
      next: undefined,
    };
    if (active < max && queue.size === 0) {
      active++;
      return Promise.resolve(task).then(run);
    }
    // The gate: a promise resolved when a slot frees. Its `then(run)` is registered here, so `fn`
    // runs in this caller's async context whichever task frees the slot.
    const gate = new Promise<Task>(captureGate);
    task.start = madeStart;
    task.cancel = madeCancel;
    if (signal !== undefined) {
      task.onAbort = () => {
        const cancel = task.cancel!;
        queue.remove(task);
        forget(task);
        cancel(signal.reason);
      };
      signal.addEventListener("abort", task.onAbort, { once: true });
    }
    queue.push(task);
    if (active < max) startWaiting(); // only after raising `concurrency`, before its microtask
    return gate.then(run);
  };

  // A plain function, not an arrow, so a call without arguments can skip the rest array.
  const limit = function (fn: (...args: unknown[]) => unknown): Promise<unknown> {
    // eslint-disable-next-line prefer-rest-params -- avoids an array per call (see npm run bench)
    const args = arguments.length > 1 ? Array.prototype.slice.call(arguments, 1) : NO_ARGS;
    return schedule(undefined, fn, args);
  } as Limiter;

  const map = async (
    iterable: Iterable<unknown>,
    fn: (item: unknown, index: number) => unknown,
  ): Promise<unknown[]> => {
    if (typeof (iterable as Partial<Iterable<unknown>> | null)?.[Symbol.iterator] !== "function") {
      throw new TypeError(`Cannot map: 'iterable' must be iterable, got ${shown(iterable)}`);
    }
    if (typeof fn !== "function") {
      throw new TypeError(`Cannot map: 'fn' must be a function, got ${typeof fn}`);
    }
    const promises: Promise<unknown>[] = [];
    try {
      let index = 0;
      for (const item of iterable)
        promises.push(schedule(undefined, fn as Task["fn"] & {}, [item, index++]));
    } catch (error) {
      // Promise.all never sees the tasks already scheduled: observe their rejections here.
      for (const promise of promises) promise.catch(() => {});
      throw error;
    }
    return Promise.all(promises);
  };

  Object.defineProperties(limit, {
    withSignal: {
      value: (
        signal: AbortSignal | undefined,
        fn: (...a: unknown[]) => unknown,
        ...args: unknown[]
      ) => schedule(signal, fn, args),
    },
    map: { value: map },
    activeCount: { get: () => active },
    pendingCount: { get: () => queue.size },
    concurrency: {
      get: () => max,
      set: (value: unknown) => {
        checkConcurrency(value, "change limiter");
        max = value;
        // As p-limit: waiting tasks start in a microtask, not inside the assignment.
        queueMicrotask(startWaiting);
      },
    },
    clearQueue: {
      value: (reason?: unknown) => {
        const reject = reason !== undefined || rejectOnClear;
        const rejectWith: unknown =
          reason ?? (rejectOnClear ? AbortSignal.abort().reason : undefined);
        for (const task of queue.drain()) {
          const cancel = task.cancel!;
          forget(task);
          if (reject) cancel(rejectWith);
        }
      },
    },
  });
  return limit;
}
