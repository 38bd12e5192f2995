// Internal: records, with async_hooks, every callback the loop runs for the traced code.
import { createHook, executionAsyncId, executionAsyncResource } from "node:async_hooks";
import { PendingSet } from "./trace-pending.js";
import { describeResource, field, type TracedResource } from "./trace-resources.js";
import type { StepKind } from "./trace-types.js";

/** One callback run, as recorded; trace-steps.ts turns these into TraceSteps. */
export interface RawStep {
  readonly index: number;
  /** The resource whose callback ran; `undefined` for the sync step and for stray logs. */
  readonly resource: TracedResource | undefined;
  readonly kind: StepKind;
  readonly asyncId: number;
  readonly logs: string[];
  readonly startMs: number;
  endMs: number;
  readonly depth: number;
}

/**
 * Follows the resources the traced code creates, transitively: a resource belongs to the trace
 * when it is created while a traced callback runs (or, for native ones created outside any
 * callback, such as an accepted socket, when its trigger belongs). Records each run of their
 * callbacks as a step, and the start of each check phase, to number the loop's iterations.
 */
export class TraceRecorder {
  readonly steps: RawStep[] = [];
  readonly logs: string[] = [];
  readonly resources = new Map<number, TracedResource>();
  /** Promise async id -> index of the step during which it was resolved. */
  readonly resolvedAt = new Map<number, number>();
  /** For each check phase seen: how many steps had started before it. */
  readonly checks: number[] = [];
  /** Called when nothing traced is pending any more (it may be again later). */
  onIdle: () => void = () => {};
  /** Called at the start of every check phase, while the trace runs. */
  onCheck: () => void = () => {};

  /** @param from Where fn is called from: a fresh macrotask ("script") or an fs callback ("io"). */
  constructor(readonly from: "script" | "io" = "script") {}

  readonly #origin = performance.now();
  readonly #pending = new PendingSet();
  /** Resources native code made outside any callback, keyed by trigger: see `init`. */
  readonly #orphans = new Map<number, TracedResource[]>();
  readonly #stack: RawStep[] = [];
  #rootId = -1;
  #internal = 0;
  #stopped = false;
  #marker: NodeJS.Immediate | undefined;

  readonly #hook = createHook({
    init: (asyncId, type, triggerAsyncId, resource: object) => {
      if (this.#internal > 0 || this.#stopped) return;
      const context = executionAsyncId();
      if (!this.#traced(context) && !(context === 0 && this.#traced(triggerAsyncId))) return;
      const at = this.#currentIndex();
      const r = describeResource(asyncId, type, triggerAsyncId, resource, at, this.#now());
      this.resources.set(asyncId, r);
      // Native code makes some resources just before it calls back into JS (an accepted socket,
      // before the server's connection callback): they belong to that coming callback.
      if (context === 0)
        this.#orphans.set(triggerAsyncId, [...(this.#orphans.get(triggerAsyncId) ?? []), r]);
      this.#pending.add(r);
    },
    before: (asyncId) => {
      const r = this.resources.get(asyncId);
      if (r === undefined || this.#stopped) return;
      r.runs.push(this.steps.length);
      for (const orphan of this.#orphans.get(asyncId) ?? []) orphan.createdAt = this.steps.length;
      this.#orphans.delete(asyncId);
      this.#push(r, r.kind, asyncId);
    },
    after: (asyncId) => {
      const at = this.#stack.findLastIndex((s) => s.asyncId === asyncId);
      if (at === -1 || this.#stopped) return;
      const index = this.#stack[at]!.index;
      for (const s of this.#stack.splice(at)) s.endMs = this.#now();
      const r = this.resources.get(asyncId);
      if (r !== undefined) this.#pending.ran(r);
      this.#settle(index);
    },
    destroy: (asyncId) => {
      const r = this.resources.get(asyncId);
      if (r === undefined || this.#stopped) return;
      this.#pending.destroyed(r, this.#currentIndex());
      if (this.#pending.quickIdle()) this.onIdle();
    },
    promiseResolve: (asyncId) => {
      if (this.resources.has(asyncId) && !this.resolvedAt.has(asyncId)) {
        this.resolvedAt.set(asyncId, this.#currentIndex());
      }
    },
  });

  /** `log` as `fn` receives it: records the label in the callback that is running. */
  readonly log = (label: string): void => {
    if (this.#stopped) return;
    const text = String(label);
    this.logs.push(text);
    const context = executionAsyncId();
    const running = this.#stack.findLast((s) => s.asyncId === context);
    if (running !== undefined) running.logs.push(text);
    else this.#stray(context).logs.push(text);
  };

  /** Starts listening; call before scheduling the entry callback. */
  enable(): void {
    this.#hook.enable();
  }

  /** Runs `body` as the sync step: call it from the entry callback (a fresh macrotask). */
  runRoot<T>(body: () => T): T {
    this.#rootId = executionAsyncId();
    this.#internal++;
    // The marker is queued first, so it runs first in every check phase after this one.
    this.#scheduleMarker();
    this.#internal--;
    const root = this.#push(undefined, "sync", this.#rootId);
    try {
      return body();
    } finally {
      this.#stack.splice(this.#stack.indexOf(root));
      root.endMs = this.#now();
      this.#settle(root.index);
    }
  }

  /** Runs our own bookkeeping inside a traced callback without tracing what it creates. */
  untraced<T>(body: () => T): T {
    this.#internal++;
    try {
      return body();
    } finally {
      this.#internal--;
    }
  }

  /** The resources still pending: timers not fired, intervals not cleared, handles open. */
  pending(): TracedResource[] {
    return this.#pending.pending();
  }

  /** The resources that could still call back, kept alive or not (an unref'd timer too). */
  waiting(): TracedResource[] {
    return this.#pending.waiting();
  }

  /** Makes sure one more check phase comes soon (a ref'd marker), so `onCheck` can finish. */
  wake(): void {
    this.#marker?.ref();
  }

  /** Stops recording; with `clear`, also clears the timers, intervals and immediates still pending. */
  stop(clear: boolean): void {
    this.#stopped = true;
    this.#hook.disable();
    if (this.#marker !== undefined) clearImmediate(this.#marker);
    if (!clear) return;
    for (const r of this.pending()) {
      if (r.type === "Timeout") clearTimeout(r.object as NodeJS.Timeout);
      if (r.type === "Immediate") clearImmediate(r.object as NodeJS.Immediate);
    }
  }

  #traced(asyncId: number): boolean {
    return asyncId === this.#rootId || this.resources.has(asyncId);
  }

  #now(): number {
    return performance.now() - this.#origin;
  }

  #currentIndex(): number {
    return this.#stack.at(-1)?.index ?? this.steps.length - 1;
  }

  #push(resource: TracedResource | undefined, kind: StepKind, asyncId: number): RawStep {
    const step: RawStep = {
      index: this.steps.length,
      resource,
      kind,
      asyncId,
      logs: [],
      startMs: this.#now(),
      endMs: NaN,
      depth: this.#stack.length,
    };
    this.steps.push(step);
    this.#stack.push(step);
    return step;
  }

  // A log from a callback the trace did not follow (rare: code scheduled from outside fn).
  #stray(context: number): RawStep {
    const name = field(executionAsyncResource(), "constructor");
    const type = typeof name === "function" ? name.name : "";
    const kind: StepKind =
      type === "Timeout" ? "timer" : type === "Immediate" ? "immediate" : "microtask";
    const step = this.#push(undefined, kind, context);
    this.#stack.pop();
    step.endMs = step.startMs;
    return step;
  }

  // After a step: note timers cleared during it, and tell traceLoop when nothing is pending.
  #settle(stepIndex: number): void {
    this.#pending.sweep(stepIndex);
    if (this.#pending.quickIdle()) this.onIdle();
  }

  #scheduleMarker(): void {
    this.#marker = setImmediate(() => {
      this.checks.push(this.steps.length);
      this.onCheck();
      if (!this.#stopped) this.#scheduleMarker();
    });
    // Unref'd, the marker neither keeps the loop alive nor stops the poll phase from blocking,
    // so the traced code's timing stays as it would be without it.
    this.#marker.unref();
  }
}
