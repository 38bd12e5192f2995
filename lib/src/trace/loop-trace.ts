import { inspect } from "node:util";
import { showPicture } from "../show/picture.js";
import { renderTraceSvg, type TraceSvgOptions } from "./trace-picture.js";
import { describeTrace, renderTraceText } from "./trace-text.js";
import type { QueueEntry, TraceData, TraceStep } from "./trace-types.js";

export type { TraceSvgOptions } from "./trace-picture.js";

/**
 * What {@link traceLoop} recorded: the labels in log order, one step per callback the loop ran,
 * and each callback's stay in its queue. Draws itself as a filmstrip, one frame per step.
 *
 * @example
 * ```ts
 * const trace = await traceLoop((log) => void setTimeout(() => log("later")));
 * trace.steps[1]?.kind; // "timer"
 * trace.show(); // the filmstrip in a notebook, the text table elsewhere
 * ```
 */
export class LoopTrace implements TraceData {
  /** The labels `log` was given, in the order it was called. */
  readonly logs: readonly string[];
  /** One entry per callback the loop ran, in run order; `steps[0]` is `fn`'s sync run. */
  readonly steps: readonly TraceStep[];
  /** Each time a callback waited in a queue: from which step, until which step. */
  readonly queued: readonly QueueEntry[];

  /**
   * @param data What the recorder saw (see trace-steps.ts).
   * @param title An optional heading for the picture.
   */
  constructor(
    data: TraceData,
    readonly title?: string,
  ) {
    this.logs = data.logs;
    this.steps = data.steps;
    this.queued = data.queued;
  }

  /**
   * The filmstrip as a standalone SVG document: one frame per step, showing the call stack
   * and the nextTick, microtask, timers, poll and check queues, with arrows from each callback
   * to the callbacks it queued. With `animate`, one frame at a time instead, in a loop (a CSS
   * animation: it plays inside an `<img>`, where scripts cannot run).
   * @param options `width` in px (default 980), `maxFrames` (default 40), `animate` (default
   *   false) and `secondsPerStep` (default 2).
   * @returns Well-formed SVG.
   */
  toSVG(options: TraceSvgOptions = {}): string {
    return renderTraceSvg(this, { title: this.title, ...options });
  }

  /** The trace as a text table: step, loop iteration and phase, kind, logs, queues after it. */
  toText(): string {
    return renderTraceText(this, this.title);
  }

  /** One paragraph for the picture's alt text: the steps in order with what they logged. */
  describe(): string {
    return describeTrace(this, this.title);
  }

  /**
   * Shows the filmstrip: in tslab an `<img>` with the SVG (it shows in an untrusted notebook
   * too) plus the text table as text/plain; elsewhere the text table.
   * @param options As for {@link LoopTrace.toSVG}, e.g. `{ animate: true }`.
   */
  show(options: TraceSvgOptions = {}): void {
    showPicture(this.toSVG(options), this.describe(), this.toText());
  }

  /** As a notebook cell's last value (or in console.log), the trace reads as its text table. */
  [inspect.custom](): string {
    return this.toText();
  }
}
