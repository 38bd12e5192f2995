import { guideSeconds, scaled } from "../measure/time.js";
import type { SpanStatus, Timeline } from "../show/timeline.js";
import { printable } from "../show/printable.js";

/** Options for {@link stopAfterAbort}. */
export interface StopAfterAbortOptions {
  /** When to call `abort()`, in guide milliseconds after the work started. */
  abortAfterMs: number;
  /** Records the run on it, in lane `label`, starting at 0: "before abort()", "after abort()". */
  timeline?: Timeline;
  /** Reads how much work is done so far (rows, chunks …); read at `abort()` and at the end. */
  progress?: () => number;
  /** What one unit of `progress` is called in the printed line (default "unit"). */
  unit?: string;
  /** Print the result line (default `true`). */
  print?: boolean;
}

/** What {@link stopAfterAbort} found. Times are guide seconds / milliseconds. */
export interface StopReport {
  label: string;
  /** When `abort()` was due, in guide seconds after the start. */
  dueAtS: number;
  /** When `abort()` really ran (later than due when the loop was busy); `undefined` if never. */
  abortedAtS: number | undefined;
  /** When the work settled, in guide seconds after the start. */
  settledAtS: number;
  /** How long the work ran on after `abort()`, in guide ms (0 when it settled before). */
  ranOnMs: number;
  /** Units of `progress` done after `abort()`; `undefined` without `progress`. */
  unitsAfterAbort: number | undefined;
  /** "finished", "finished before abort()", or the rejection's name ("AbortError" …). */
  outcome: string;
  /** The printed line. */
  line: string;
}

/**
 * Measures how promptly some work honours an AbortSignal: starts `work(signal)`, calls `abort()`
 * after `abortAfterMs`, and reports how long the work ran on after that, and how much of it
 * (`progress`) was done after the abort. Work that ignores the signal runs on to its end.
 *
 * `abort()` runs from a timer, so it runs late when the work keeps the event loop busy; the report
 * gives both the due time and the real one.
 *
 * @param label What the work is, e.g. `"loop + throwIfAborted()"`.
 * @param work The work; it gets the signal to honour (or to ignore).
 * @param options `abortAfterMs` (guide ms), `timeline`, `progress`, `unit`, `print`.
 * @returns The report; it never rejects because the work did.
 * @throws {TypeError} (as a rejection) When `label` is empty or `work` is not a function.
 * @throws {RangeError} (as a rejection) When `abortAfterMs` is not a number >= 0.
 * @example
 * ```ts
 * const r = await stopAfterAbort("sleep", (signal) => sleep(1000, { signal }), { abortAfterMs: 300 });
 * r.outcome; // "AbortError"; r.ranOnMs is about 0
 * ```
 */
export async function stopAfterAbort(
  label: string,
  work: (signal: AbortSignal) => unknown,
  options: StopAfterAbortOptions,
): Promise<StopReport> {
  if (typeof label !== "string" || label === "") {
    throw new TypeError(`Cannot measure stop: 'label' must be a non-empty string, got '${label}'`);
  }
  if (typeof work !== "function") {
    throw new TypeError(`Cannot measure stop '${label}': 'work' must be a function`);
  }
  const { abortAfterMs, timeline, progress, unit = "unit", print = true } = options ?? {};
  if (!Number.isFinite(abortAfterMs) || abortAfterMs < 0) {
    throw new RangeError(
      `Cannot measure stop '${label}': 'abortAfterMs' must be a number >= 0, got ${abortAfterMs}`,
    );
  }
  const controller = new AbortController();
  const start = performance.now();
  let abortedAt: number | undefined;
  let unitsAtAbort: number | undefined;
  const timer = setTimeout(() => {
    abortedAt = performance.now();
    unitsAtAbort = progress?.();
    controller.abort();
  }, scaled(abortAfterMs));
  let outcome = "finished";
  try {
    await work(controller.signal);
  } catch (error) {
    outcome = error instanceof Error ? error.name : `rejected with ${String(error)}`;
  } finally {
    clearTimeout(timer);
  }
  const settled = performance.now();
  if (abortedAt === undefined && outcome === "finished") outcome = "finished before abort()";
  const units = unitsAtAbort === undefined ? undefined : (progress?.() ?? 0) - unitsAtAbort;
  const report = {
    label,
    dueAtS: abortAfterMs / 1000,
    abortedAtS: abortedAt === undefined ? undefined : guideSeconds(abortedAt - start),
    settledAtS: guideSeconds(settled - start),
    ranOnMs: abortedAt === undefined ? 0 : guideSeconds(settled - abortedAt) * 1000,
    unitsAfterAbort: progress === undefined ? undefined : (units ?? 0),
    outcome,
  };
  if (timeline !== undefined) {
    record(timeline, { lane: label, start, aborted: abortedAt, settled, outcome });
  }
  const line = describe(report, unit);
  if (print) console.log(line);
  return printable({ ...report, line }, line);
}

/** The run as it happened; times are `performance.now()` readings. */
interface Run {
  lane: string;
  start: number;
  aborted: number | undefined;
  settled: number;
  outcome: string;
}

/** Draws the run from 0 on the timeline, so runs made one after another line up. */
function record(tl: Timeline, { lane, start, aborted, settled, outcome }: Run): void {
  const zero = performance.timeOrigin + tl.origin;
  const cut = aborted ?? settled;
  tl.record("before abort()", zero, zero + (cut - start), { lane });
  if (aborted === undefined) return;
  const status = statusOf(outcome);
  tl.record("after abort()", zero + (cut - start), zero + (settled - start), { lane, status });
}

/** Grey for work that stopped on the abort, the span's colour for work that ran to its end. */
function statusOf(outcome: string): SpanStatus {
  if (/^(AbortError|TimeoutError)$/.test(outcome)) return "cancelled";
  return outcome.startsWith("finished") ? "ok" : "error";
}

function describe(r: Omit<StopReport, "line">, unit: string): string {
  if (r.abortedAtS === undefined) {
    const at = `${r.settledAtS.toFixed(2)} s`;
    return r.outcome === "finished before abort()"
      ? `${r.label}: finished at ${at}, before abort() could run (due at ${r.dueAtS.toFixed(2)} s)`
      : `${r.label}: ${r.outcome} at ${at}, before abort() (due at ${r.dueAtS.toFixed(2)} s)`;
  }
  const late = r.abortedAtS - r.dueAtS >= 0.005 ? ` (due ${r.dueAtS.toFixed(2)} s)` : "";
  const units =
    r.unitsAfterAbort === undefined ? "" : `, ${r.unitsAfterAbort} ${unit}(s) of work after it`;
  return `${r.label}: abort() at ${r.abortedAtS.toFixed(2)} s${late}; ran on ${r.ranOnMs.toFixed(0)} ms (${r.outcome})${units}`;
}
