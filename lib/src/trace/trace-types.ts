// The data a loop trace holds: steps (callbacks the loop ran) and queue entries (callbacks waiting).
// Types only: the recorder, the step builder and the renderers all import this module.

/** The kind of callback that was running when `log` was called. */
export type StepKind = "sync" | "nextTick" | "microtask" | "timer" | "immediate" | "io";

/**
 * Where in the event loop a step ran. `main` is `fn`'s own synchronous run and the queues drained
 * right after it (a CommonJS script's top level); the others are the phases of Node's loop.
 */
export type LoopPhase = "main" | "timers" | "poll" | "check" | "close";

/** The queues the picture draws, in the order the loop serves them. */
export type QueueName = "nextTick" | "microtask" | "timers" | "poll" | "check";

/** One callback the loop ran, in run order. */
export interface TraceStep {
  /** 1-based position in run order, as the picture numbers it. */
  readonly step: number;
  /** What kind of callback ran. */
  readonly kind: StepKind;
  /** The labels `log` was given while this callback ran, in order. */
  readonly logs: readonly string[];
  /** What queued it, such as `setTimeout 1 ms`, `process.nextTick` or `fs callback`. */
  readonly source: string;
  /** The async_hooks type of its resource, such as `Timeout`, `PROMISE` or `FSREQCALLBACK`. */
  readonly resource: string;
  /** Its async_hooks id (`executionAsyncId()` while it ran). */
  readonly asyncId: number;
  /** The async_hooks trigger id: what created it (for promises: the promise it waits on). */
  readonly triggerAsyncId: number;
  /** The step that put this callback in its queue; `null` for the sync step. */
  readonly scheduledBy: number | null;
  /** The steps this callback put in a queue. */
  readonly scheduled: readonly number[];
  /** 0 for the main script, then 1, 2, ... for each turn of the event loop. */
  readonly iteration: number;
  /** The loop phase it ran in (nextTick and microtask steps run inside the phase before them). */
  readonly phase: LoopPhase;
  /** Real milliseconds from the start of `fn` to the start of this callback. */
  readonly startMs: number;
  /** Real milliseconds the callback took. */
  readonly durationMs: number;
  /** 0, or how many traced callbacks it ran inside (for nested async scopes). */
  readonly depth: number;
}

/** One stay of a callback in a queue: from the step that queued it to the step it ran (or was cleared). */
export interface QueueEntry {
  readonly queue: QueueName;
  /** Short name for the picture: the first label it logged, else its source. */
  readonly label: string;
  /** What queued it, as in {@link TraceStep.source}. */
  readonly source: string;
  /** The step during which it joined the queue. */
  readonly from: number;
  /** The step at which it left the queue (ran or was cleared); `null` if still waiting at the end. */
  readonly until: number | null;
  /** The step at which it ran, or `null` (cleared, or never ran). */
  readonly ran: number | null;
  /** True when clearTimeout, clearInterval or clearImmediate removed it at step `until`. */
  readonly cleared: boolean;
  /** The step that scheduled it (drawn as an arrow), or `null` when none did in this trace. */
  readonly by: number | null;
}

/** Everything a trace records; {@link LoopTrace} adds the pictures. */
export interface TraceData {
  readonly logs: readonly string[];
  readonly steps: readonly TraceStep[];
  readonly queued: readonly QueueEntry[];
}
