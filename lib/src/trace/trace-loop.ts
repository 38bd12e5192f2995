import { stat } from "node:fs";
import { LoopTrace } from "./loop-trace.js";
import { TraceRecorder } from "./trace-recorder.js";
import { describePending } from "./trace-resources.js";
import { buildTraceData } from "./trace-steps.js";

/** Options for {@link traceLoop}. */
export interface TraceLoopOptions {
  /** Give up after this many real ms (default 10000): the error names what is still pending. */
  timeoutMs?: number;
  /** A heading for the picture. */
  title?: string;
  /**
   * Where `fn` is called from: `"script"` (default), a fresh macrotask as at a CommonJS
   * script's top level; or `"io"`, inside an fs callback, as a request handler runs and as
   * {@link recordOrder} runs its setup. There `setImmediate` always beats `setTimeout(0)`.
   */
  from?: "script" | "io";
}

/** Why {@link traceLoop} gave up: `pending` says what never finished; `trace` holds what ran. */
export class TraceTimeoutError extends Error {
  override readonly name = "TimeoutError";
  constructor(
    message: string,
    readonly pending: readonly string[],
    readonly trace: LoopTrace,
  ) {
    super(message);
  }
}

/**
 * Runs `fn` and records what the event loop really did with it: every callback it ran, in
 * order, what kind it was, what it logged, which callback queued which, and the loop iteration
 * and phase. `trace.show()` draws it, one frame per step.
 *
 * `fn` is called from a fresh macrotask with empty queues, as the top level of a CommonJS
 * script runs, so its `process.nextTick` callbacks run before its promise callbacks, even when
 * `traceLoop` itself is called inside a promise job (an async function, a notebook cell). The
 * trace follows everything `fn` starts, transitively (timers, immediates, ticks, promises, fs,
 * net and dns callbacks), and resolves once none of it is pending, as `node script.cjs` would
 * exit then. Recording uses node:async_hooks and does not change the order of what it traces.
 * At the top level, `setTimeout(0)` against `setImmediate` is a race in Node itself; the trace
 * shows whichever won (with `from: "io"`, inside an I/O callback, `setImmediate` always wins).
 *
 * @param fn The code to trace; it receives `log(label)`. May be async (its promise is awaited).
 * @param options `timeoutMs` (default 10000) bounds the wait; `title` heads the picture;
 *   `from: "io"` calls `fn` inside an I/O callback instead, like {@link recordOrder}.
 * @returns The trace: `logs` (labels in log order), `steps` (one per callback run), `queued`,
 *   and `show()`, `toSVG()`, `toText()`, `describe()`.
 * @throws {TypeError} (as a rejection) When `fn` is not a function or `options` are wrong.
 * @throws {TraceTimeoutError} (as a rejection) When something `fn` started is still pending
 *   after `timeoutMs`, such as an interval never cleared. The timers, intervals and immediates
 *   it left are then cleared, so nothing keeps running in the background.
 * @throws {unknown} (as a rejection) Whatever `fn` throws or its promise rejects with; its
 *   timers are cleared then too.
 * @example
 * ```ts
 * const trace = await traceLoop((log) => {
 *   setTimeout(() => log("timer"), 0);
 *   process.nextTick(() => log("tick"));
 *   Promise.resolve().then(() => log("then"));
 *   log("sync");
 * });
 * trace.logs; // ["sync", "tick", "then", "timer"]
 * trace.steps.map((s) => s.kind); // ["sync", "nextTick", "microtask", "timer"]
 * trace.show();
 * ```
 */
export async function traceLoop(
  fn: (log: (label: string) => void) => unknown,
  options: TraceLoopOptions = {},
): Promise<LoopTrace> {
  if (typeof fn !== "function") {
    throw new TypeError(`Cannot trace loop: 'fn' must be a function, got ${typeof fn}`);
  }
  if (typeof options !== "object" || options === null) {
    throw new TypeError(`Cannot trace loop: 'options' must be an object, got ${String(options)}`);
  }
  const { timeoutMs = 10_000, title, from = "script" } = options;
  if (typeof timeoutMs !== "number" || !(timeoutMs > 0) || !Number.isFinite(timeoutMs)) {
    throw new RangeError(
      `Cannot trace loop: 'timeoutMs' must be a positive number of ms, got ${String(timeoutMs)}`,
    );
  }
  if (title !== undefined && typeof title !== "string") {
    throw new TypeError(`Cannot trace loop: 'title' must be a string, got ${typeof title}`);
  }
  if (from !== "script" && from !== "io") {
    throw new TypeError(`Cannot trace loop: 'from' must be "script" or "io", got ${String(from)}`);
  }
  const recorder = new TraceRecorder(from);
  return new Promise<LoopTrace>((resolve, reject) => {
    let fnDone = false;
    const end = (error?: unknown): void => {
      clearTimeout(deadline);
      recorder.stop(error !== undefined);
      if (error === undefined) resolve(new LoopTrace(buildTraceData(recorder), title));
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- fn's own error, unchanged
      else reject(error);
    };
    // The deadline also keeps the loop alive while the traced code waits on nothing but promises.
    const deadline = setTimeout(
      () => end(timeoutError(recorder, fnDone, timeoutMs, title)),
      timeoutMs,
    );
    recorder.onIdle = () => {
      if (fnDone) recorder.wake();
    };
    recorder.onCheck = () => {
      if (fnDone && recorder.pending().length === 0) end();
    };
    recorder.enable();
    // A fresh macrotask: when it runs, the caller's promise job (if any) is over and the nextTick
    // and microtask queues are empty, as at a CommonJS script's top level (or in an fs callback).
    const enter = (body: () => void): unknown =>
      from === "io" ? stat(__filename, () => body()) : setImmediate(body);
    enter(() => {
      let result: unknown;
      try {
        result = recorder.runRoot(() => fn(recorder.log));
      } catch (error) {
        end(error ?? new Error("fn threw undefined"));
        return;
      }
      const settle = (): void => {
        fnDone = true;
        if (recorder.pending().length === 0) recorder.wake();
      };
      if (!isThenable(result)) return settle();
      // Our own reaction to fn's promise must not appear in the trace: created untraced.
      recorder.untraced(() => {
        Promise.resolve(result).then(settle, (error: unknown) =>
          end(error ?? new Error("fn rejected with undefined")),
        );
      });
    });
  });
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === "object" || typeof value === "function") &&
    value !== null &&
    typeof (value as { then?: unknown }).then === "function"
  );
}

function timeoutError(
  recorder: TraceRecorder,
  fnDone: boolean,
  timeoutMs: number,
  title: string | undefined,
): TraceTimeoutError {
  const pending = recorder.pending().map(describePending);
  if (!fnDone) pending.push("the promise fn returned has not settled");
  const clears = recorder.pending().some((r) => r.type === "Timeout" || r.type === "Immediate");
  const message =
    `traceLoop gave up after ${timeoutMs} ms: ${pending.join("; ")}.` +
    (clears ? " traceLoop cleared the timers it left." : "") +
    " Finish or clear everything fn starts, or pass a larger 'timeoutMs'.";
  recorder.stop(false);
  return new TraceTimeoutError(message, pending, new LoopTrace(buildTraceData(recorder), title));
}
