import { showPicture } from "./picture.js";
import { timeScale } from "../measure/time.js";
import { renderTimelineSvg, type SvgOptions } from "./timeline-svg.js";
import { renderTimelineText, type TextOptions } from "./timeline-text.js";
import type { Span, SpanStatus } from "./timeline-layout.js";

export type { Span, SpanStatus } from "./timeline-layout.js";

/** Options for a span: the lane (row) it belongs to, such as a worker id. */
export interface SpanOptions {
  lane?: string | number;
}

/** A started span; call `end()` once when the work is done. */
export interface SpanHandle {
  end(status?: SpanStatus): void;
}

/**
 * Records named spans of work while code runs, then draws them as a Gantt chart.
 *
 * @example
 * ```ts
 * const tl = new Timeline();
 * await Promise.all([tl.span("A", () => sleep(3000)), tl.span("B", () => sleep(2000))]);
 * tl.show(); // SVG chart inside tslab, text bars elsewhere
 * ```
 */
export class Timeline {
  /** `performance.now()` when the timeline was created; span times are relative to it. */
  readonly origin = performance.now();
  /** The time scale when the timeline was created; charts divide by it to show guide seconds. */
  readonly scale = timeScale();
  readonly #spans: Span[] = [];

  /** @param title An optional heading drawn above the chart. */
  constructor(readonly title?: string) {}

  /** All spans so far, in start order. */
  get spans(): readonly Readonly<Span>[] {
    return this.#spans;
  }

  /**
   * Starts a span by hand; pair it with `handle.end(status)`.
   * @param name The task name shown on the chart.
   * @param options `lane` groups spans on one row, such as a worker id.
   * @returns A handle whose `end()` records the end time (status defaults to "ok").
   * @throws {TypeError} When `name` is empty; `end()` throws when called twice.
   */
  start(name: string, options: SpanOptions = {}): SpanHandle {
    if (typeof name !== "string" || name === "") {
      throw new TypeError(`Cannot start span: 'name' must be a non-empty string, got '${name}'`);
    }
    const lane = options.lane === undefined ? undefined : String(options.lane);
    const span: Span = { name, lane, start: this.now(), end: undefined, status: "running" };
    this.#spans.push(span);
    return {
      end: (status: SpanStatus = "ok") => {
        if (span.end !== undefined) throw new Error(`Cannot end span '${name}': already ended`);
        span.end = this.now();
        span.status = status;
      },
    };
  }

  /**
   * Runs `fn` as a span: "ok" when it fulfils, "cancelled" on an abort, "error" otherwise.
   * @param name The task name shown on the chart.
   * @param fn The work; its result or error passes through unchanged.
   * @param options `lane` groups spans on one row.
   * @returns What `fn` returns.
   * @throws {unknown} (as a rejection) Whatever `fn` throws; a TypeError for an empty name.
   */
  async span<T>(name: string, fn: () => T | Promise<T>, options: SpanOptions = {}): Promise<T> {
    const handle = this.start(name, options);
    try {
      const value = await fn();
      handle.end("ok");
      return value;
    } catch (error) {
      const aborted = error instanceof Error && /^(AbortError|TimeoutError)$/.test(error.name);
      handle.end(aborted ? "cancelled" : "error");
      throw error;
    }
  }

  /**
   * Adds a finished span measured elsewhere, such as in a worker thread.
   * @param name The task name shown on the chart.
   * @param startedAt Start as epoch ms (`performance.timeOrigin + performance.now()`).
   * @param endedAt End as epoch ms, not before `startedAt`.
   * @param options `lane` and `status` (default "ok").
   * @throws {RangeError} When the times are not numbers or end before they start.
   * @throws {TypeError} When `name` is empty.
   */
  record(
    name: string,
    startedAt: number,
    endedAt: number,
    options: SpanOptions & { status?: SpanStatus } = {},
  ): void {
    if (!Number.isFinite(startedAt) || !Number.isFinite(endedAt) || endedAt < startedAt) {
      throw new RangeError(
        `Cannot record span '${name}': need startedAt <= endedAt, got ${startedAt} and ${endedAt}`,
      );
    }
    if (typeof name !== "string" || name === "") {
      throw new TypeError(`Cannot record span: 'name' must be a non-empty string, got '${name}'`);
    }
    const zero = performance.timeOrigin + this.origin;
    const lane = options.lane === undefined ? undefined : String(options.lane);
    const status = options.status ?? "ok";
    this.#spans.push({ name, lane, start: startedAt - zero, end: endedAt - zero, status });
    this.#spans.sort((a, b) => a.start - b.start);
  }

  /** Real milliseconds since the timeline was created. */
  now(): number {
    return performance.now() - this.origin;
  }

  /** The chart as a standalone SVG document (well-formed XML). */
  toSVG(options: SvgOptions = {}): string {
    return renderTimelineSvg(this.#spans, this.now(), this.scale, {
      title: this.title,
      ...options,
    });
  }

  /** The chart as text bars, for terminals and logs. */
  toText(options: TextOptions = {}): string {
    return renderTimelineText(this.#spans, this.now(), this.scale, {
      title: this.title,
      ...options,
    });
  }

  /**
   * One sentence for the picture's `alt`: the title, the span count and the first spans' times
   * in guide seconds (row by row, with the lane, when spans have lanes), so a reader without the
   * image still gets the story.
   */
  describe(): string {
    const seconds = (ms: number): string => (ms / this.scale / 1000).toFixed(2);
    const t0 = Math.min(...this.#spans.map((s) => s.start));
    // With lanes, the spans are told row by row ("lane: name …"), as the chart draws them.
    const lanes = [...new Set(this.#spans.map((s) => s.lane))];
    const ordered = lanes.flatMap((lane) => this.#spans.filter((s) => s.lane === lane));
    const limit = lanes.length > 1 ? 12 : 8;
    const shown = ordered.slice(0, limit).map((s) => {
      const end = s.end === undefined ? "still running" : `${seconds(s.end - t0)} s`;
      const lane = s.lane === undefined ? "" : `${s.lane}: `;
      return `${lane}${s.name} ${seconds(s.start - t0)}–${end} (${s.status})`;
    });
    const more = this.#spans.length > limit ? `, and ${this.#spans.length - limit} more` : "";
    const head = `Timeline${this.title === undefined ? "" : ` "${this.title}"`}`;
    if (this.#spans.length === 0) return `${head}: no spans recorded`;
    return `${head} of ${this.#spans.length} span(s): ${shown.join("; ")}${more}`;
  }

  /**
   * Shows the chart: in tslab an `<img>` with the SVG (shown even in an untrusted notebook) plus
   * the text bars as text/plain; elsewhere the text bars.
   */
  show(): void {
    showPicture(this.toSVG(), this.describe(), this.toText());
  }
}
