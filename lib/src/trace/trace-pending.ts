// Internal: what the traced code started that can still call back, kept cheap to update after
// every step, because a trace may hold thousands of timers or requests.
import { stillPending, stillWaiting, type TracedResource } from "./trace-resources.js";

// Above this many, the ref'd-or-not check waits for the next check phase instead of every step.
const QUICK_CHECK_LIMIT = 32;

/**
 * Timers and immediates sit in one set, scanned after each step for `_destroyed`, the flag
 * clearTimeout, clearInterval and clearImmediate set at once (the destroy hook comes later, in
 * a batch), so a clear is pinned to the step that made it. Handles and requests sit in another
 * set and leave it through the hooks alone: a request after its callback, a handle when destroyed.
 */
export class PendingSet {
  readonly #timers = new Set<TracedResource>();
  readonly #others = new Set<TracedResource>();
  /** New crypto jobs: synchronous ones never call back, found out at the next sweep. */
  #unchecked: TracedResource[] = [];

  add(r: TracedResource): void {
    if (r.wait === "no") return;
    if (r.type === "Timeout" || r.type === "Immediate") this.#timers.add(r);
    else this.#others.add(r);
    if (r.type.endsWith("REQUEST")) this.#unchecked.push(r);
  }

  /** After `r`'s callback ran: a one-shot timer, immediate or request is done. */
  ran(r: TracedResource): void {
    if (r.wait === "once" && !r.repeat) {
      this.#timers.delete(r);
      this.#others.delete(r);
    }
  }

  /** When async_hooks reports `r` destroyed (for a clear, this comes after the clearing step). */
  destroyed(r: TracedResource, stepIndex: number): void {
    r.destroyed = true;
    if (this.#timers.delete(r) && (r.repeat || r.runs.length === 0)) r.clearedAt ??= stepIndex;
    this.#others.delete(r);
  }

  /** After step `stepIndex`: pins clears to it, and drops what can no longer call back. */
  sweep(stepIndex: number): void {
    for (const r of this.#timers) {
      if ((r.object as { _destroyed?: unknown })._destroyed !== true) continue;
      if (r.repeat || r.runs.length === 0) r.clearedAt ??= stepIndex;
      this.#timers.delete(r);
    }
    for (const r of this.#unchecked) if (!stillWaiting(r)) this.#others.delete(r);
    this.#unchecked = [];
  }

  /** A cheap "nothing pending": exact when few are left, `false` (check later) when many are. */
  quickIdle(): boolean {
    const size = this.#timers.size + this.#others.size;
    return size === 0 || (size <= QUICK_CHECK_LIMIT && this.pending().length === 0);
  }

  /** What still keeps the trace open: can call back, and is ref'd (keeps a script alive). */
  pending(): TracedResource[] {
    return this.waiting().filter(stillPending);
  }

  /** What can still call back, ref'd or not. */
  waiting(): TracedResource[] {
    return [...this.#timers, ...this.#others].filter(stillWaiting);
  }
}
