// Internal: the loop trace as a text table (text/plain, terminals) and as one alt-text paragraph.
import type { QueueEntry, TraceData, TraceStep } from "../measure/trace-types.js";
import { placeOf, QUEUES } from "./trace-style.js";

/** The entries waiting in a queue while `step` runs (the running one is on the stack, not here). */
export function waitingAt(queued: readonly QueueEntry[], step: number): QueueEntry[] {
  return queued.filter((e) => e.from <= step && (e.until === null || e.until > step));
}

/**
 * One line per step: number, where in the loop, what ran (and what queued it), what it logged,
 * which steps it queued, and what was waiting in each queue afterwards.
 */
export function renderTraceText(trace: TraceData, title?: string): string {
  const head = `${title === undefined ? "Event loop trace" : title}: ${count(trace.steps.length, "step")}, ${count(trace.logs.length, "log")}`;
  const rows = trace.steps.map((s) => [
    String(s.step),
    placeOf(s),
    `${s.kind} (${s.source})`,
    s.logs.length === 0 ? "-" : s.logs.join(", "),
    s.scheduled.length === 0 ? "-" : s.scheduled.join(" "),
    waitingText(trace.queued, s.step),
  ]);
  const header = ["step", "where", "ran", "logged", "queued", "waiting afterwards (by step)"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!)))
      .join("  ")
      .trimEnd();
  const lines = [head, line(header), ...rows.map(line)];
  if (trace.logs.length > 0) lines.push(`logs in order: ${trace.logs.join(" → ")}`);
  return lines.join("\n");
}

function waitingText(queued: readonly QueueEntry[], step: number): string {
  const waiting = waitingAt(queued, step);
  const parts = QUEUES.flatMap(({ queue }) => {
    const here = waiting.filter((e) => e.queue === queue && !(e.cleared && e.until === step));
    if (here.length === 0) return [];
    return [
      `${queue}: ${here.map((e) => (e.ran === null ? `[${e.label}]` : `${e.ran}`)).join(" ")}`,
    ];
  });
  return parts.length === 0 ? "(all empty)" : parts.join(" · ");
}

/** The alt text: each step in order, with what it logged, in one paragraph (the first 12 steps). */
export function describeTrace(trace: TraceData, title?: string): string {
  const head = `${title === undefined ? "Event loop trace" : `Event loop trace "${title}"`} of ${count(trace.steps.length, "step")}`;
  const shown = trace.steps.slice(0, 12).map(describeStep);
  const more = trace.steps.length > 12 ? `; and ${trace.steps.length - 12} more` : "";
  return `${head}: ${shown.join("; ")}${more}.`;
}

function describeStep(s: TraceStep): string {
  const logged =
    s.logs.length === 0 ? "logs nothing" : `logs ${s.logs.map((l) => `"${l}"`).join(", ")}`;
  return `${s.step} ${s.kind} (${placeOf(s)}) ${logged}`;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
