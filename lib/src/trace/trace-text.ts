// Internal: the loop trace as a text table (text/plain, terminals) and as one alt-text paragraph.
import type { QueueEntry, TraceData, TraceStep } from "./trace-types.js";
import { placeOf, QUEUES } from "./trace-style.js";

/**
 * For each step 1..`count`, the entries in a queue while it runs, in queue order: queued at or
 * before it and not yet run (the running one is on the stack), plus any it cleared.
 */
export function waitingByStep(queued: readonly QueueEntry[], count: number): QueueEntry[][] {
  const order = new Map(queued.map((e, i) => [e, i]));
  const starting = new Map<number, QueueEntry[]>();
  for (const e of queued) starting.set(e.from, [...(starting.get(e.from) ?? []), e]);
  let active: QueueEntry[] = [];
  const result: QueueEntry[][] = [];
  for (let step = 1; step <= count; step++) {
    const added = starting.get(step) ?? [];
    if (added.length > 0)
      active = [...active, ...added].sort((a, b) => order.get(a)! - order.get(b)!);
    result.push(
      active.filter((e) => e.until === null || e.until > step || (e.cleared && e.until === step)),
    );
    active = active.filter((e) => e.until === null || e.until > step);
  }
  return result;
}

/**
 * One line per step: number, where in the loop, what ran (and what queued it), what it logged,
 * which steps it queued, and what was waiting in each queue afterwards.
 */
export function renderTraceText(trace: TraceData, title?: string): string {
  const head = `${title === undefined ? "Event loop trace" : title}: ${count(trace.steps.length, "step")}, ${count(trace.logs.length, "log")}`;
  const waiting = waitingByStep(trace.queued, trace.steps.length);
  const rows = trace.steps.map((s, i) => [
    String(s.step),
    placeOf(s),
    `${s.kind} (${s.source})`,
    s.logs.length === 0 ? "-" : s.logs.join(", "),
    s.scheduled.length === 0 ? "-" : s.scheduled.join(" "),
    waitingText(waiting[i]!, s.step),
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

function waitingText(waiting: readonly QueueEntry[], step: number): string {
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
