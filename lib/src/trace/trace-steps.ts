// Internal: turns what the recorder saw into steps (phase, iteration, who scheduled whom) and
// queue entries (which callbacks waited where, from which step to which).
import type { RawStep, TraceRecorder } from "./trace-recorder.js";
import type { TracedResource } from "./trace-resources.js";
import type { LoopPhase, QueueEntry, TraceData, TraceStep } from "./trace-types.js";

type Place = { iteration: number; phase: LoopPhase };

// The sync step runs from an immediate (as a script's top level) or from an fs callback.
const ROOT = {
  script: { source: "fn(log)", resource: "Immediate", place: { iteration: 0, phase: "main" } },
  io: {
    source: "fn(log) in an fs callback",
    resource: "FSREQCALLBACK",
    place: { iteration: 1, phase: "poll" },
  },
} as const satisfies Record<string, { source: string; resource: string; place: Place }>;

/** Builds the trace's data from a (stopped) recorder. */
export function buildTraceData(recorder: TraceRecorder): TraceData {
  const raw = recorder.steps;
  const zero = raw[0]?.startMs ?? 0;
  const places = placeSteps(raw, recorder.checks, recorder.from);
  const by = scheduledBy(raw, recorder);
  const scheduled = raw.map(() => [] as number[]);
  by.forEach((from, i) => {
    if (from !== null) scheduled[from]?.push(i + 1);
  });
  const steps: TraceStep[] = raw.map((s, i) => ({
    step: i + 1,
    kind: s.kind,
    logs: [...s.logs],
    source: s.resource?.source ?? (i === 0 ? ROOT[recorder.from].source : "outside the trace"),
    resource: s.resource?.type ?? (i === 0 ? ROOT[recorder.from].resource : "unknown"),
    asyncId: s.asyncId,
    triggerAsyncId: s.resource?.triggerAsyncId ?? 0,
    scheduledBy: by[i] === null ? null : by[i]! + 1,
    scheduled: scheduled[i]!,
    ...places[i]!,
    startMs: s.startMs - zero,
    durationMs: Number.isNaN(s.endMs) ? 0 : Math.max(0, s.endMs - s.startMs),
    depth: s.depth,
  }));
  const queued = queueEntries([...recorder.resources.values()], steps, recorder.waiting(), zero);
  return { logs: [...recorder.logs], steps, queued };
}

// The loop's phases come round in a fixed order: timers, poll (I/O), check (setImmediate),
// close. A marker immediate runs first in every check phase, so the steps between two markers
// are: the rest of one check phase, its close callbacks, then the next iteration's timers and
// poll callbacks. nextTick and microtask steps run inside the phase of the callback before them.
// Called from an fs callback, the sync step is in a poll phase, and its check phase comes next.
function placeSteps(
  raw: readonly RawStep[],
  checks: readonly number[],
  from: "script" | "io",
): Place[] {
  let seen = 0;
  let onlyCloseSinceCheck = true;
  let last: Place = ROOT[from].place;
  return raw.map((step, i) => {
    while (seen < checks.length && checks[seen]! <= i)
      [seen, onlyCloseSinceCheck] = [seen + 1, true];
    if (i === 0 || step.depth > 0 || step.kind === "nextTick" || step.kind === "microtask") {
      return last;
    }
    if (step.kind === "timer") {
      onlyCloseSinceCheck = false;
      last = { iteration: seen + 1, phase: "timers" };
    } else if (step.kind === "immediate") last = { iteration: seen, phase: "check" };
    else if (seen > 0 && onlyCloseSinceCheck && isCloseCallback(step)) {
      last = { iteration: seen, phase: "close" };
    } else {
      onlyCloseSinceCheck = false;
      last = { iteration: seen + 1, phase: "poll" };
    }
    return last;
  });
}

// A handle's close callback is its last callback, once the handle is gone.
function isCloseCallback(step: RawStep): boolean {
  const r = step.resource;
  return r !== undefined && r.handle && r.destroyed && r.runs.at(-1) === step.index;
}

// For each step, the index of the step that queued it. Timers, immediates, ticks, queueMicrotask
// and I/O are queued by the step that created them (an interval's next run: by its last run).
// A promise job is queued when its promise is both created and resolved, so: the later of the
// two. When that is unknown, two facts bound it: the microtask queue is empty when a macrotask
// starts, and it is first in, first out.
function scheduledBy(raw: readonly RawStep[], recorder: TraceRecorder): (number | null)[] {
  let lastMacro = 0;
  let lastMicro = 0;
  const runsSeen = new Map<TracedResource, number>();
  return raw.map((step, i) => {
    const r = step.resource;
    if (step.kind !== "nextTick" && step.kind !== "microtask" && step.depth === 0) lastMacro = i;
    if (r === undefined) return null;
    const run = runsSeen.get(r) ?? 0;
    runsSeen.set(r, run + 1);
    if (r.type === "Timeout" && run > 0) return r.runs[run - 1]!;
    if (step.kind !== "microtask") return r.createdAt;
    let queuedAt = r.createdAt;
    const resolved = recorder.resolvedAt.get(r.triggerAsyncId);
    if (r.type === "PROMISE" && resolved !== undefined && resolved < i) {
      queuedAt = Math.max(queuedAt, resolved);
    }
    queuedAt = Math.max(queuedAt, lastMacro, lastMicro);
    lastMicro = queuedAt;
    return queuedAt;
  });
}

// Each stay of a callback in its queue. Within a queue, the order callbacks ran in is the
// queue's order; timers are kept in order of when they are due, as Node keeps them.
function queueEntries(
  resources: readonly TracedResource[],
  steps: readonly TraceStep[],
  waiting: readonly TracedResource[],
  zero: number,
): QueueEntry[] {
  const entries: { entry: QueueEntry; key: number }[] = [];
  const add = (r: TracedResource, entry: Omit<QueueEntry, "queue" | "source">, since: number) => {
    const due = r.delayMs === undefined ? undefined : since + r.delayMs;
    const key = due ?? entry.ran ?? entry.until ?? Number.MAX_SAFE_INTEGER;
    entries.push({ entry: { queue: r.queue, source: r.source, ...entry }, key });
  };
  const stillThere = new Set(waiting);
  for (const r of resources) {
    let waitingSince = r.createdAt + 1;
    // Timers count their delay from when they were set, or from an interval's last run.
    let sinceMs = r.createdMs - zero;
    for (const index of r.runs) {
      const step = steps[index]!;
      const rerun = r.handle && index !== r.runs[0];
      const from = rerun ? waitingSince : (step.scheduledBy ?? 1);
      const by = rerun ? null : step.scheduledBy;
      const label = step.logs[0] ?? shortName(r);
      add(r, { label, from, until: step.step, ran: step.step, cleared: false, by }, sinceMs);
      waitingSince = step.step;
      sinceMs = step.startMs;
    }
    const cleared = r.clearedAt !== undefined && (r.repeat || r.runs.length === 0);
    if (!cleared && !stillThere.has(r)) continue;
    const last = r.runs.at(-1);
    if (cleared && last !== undefined && last === r.clearedAt) continue;
    const until = cleared ? r.clearedAt! + 1 : null;
    const by = last === undefined ? r.createdAt + 1 : r.repeat ? last + 1 : null;
    const from = last === undefined ? r.createdAt + 1 : last + 1;
    add(r, { label: shortName(r), from, until, ran: null, cleared, by }, sinceMs);
  }
  return entries.sort((a, b) => a.key - b.key || a.entry.from - b.entry.from).map((e) => e.entry);
}

// A name that fits a chip, for a callback that logged nothing: "timer 5 ms", "promise job".
function shortName(r: TracedResource): string {
  if (r.type === "Timeout")
    return r.source.replace(/^set(Timeout|Interval)/, (_, t: string) =>
      t === "Timeout" ? "timer" : "interval",
    );
  if (r.type === "Immediate") return "immediate";
  if (r.type === "TickObject") return "tick";
  return r.source;
}
