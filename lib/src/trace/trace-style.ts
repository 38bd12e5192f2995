// Internal: the names and colours the loop-trace picture and text give each queue and kind.
import type { LoopPhase, QueueName, StepKind, TraceStep } from "./trace-types.js";

/** The font for labels, as in code. */
export const MONO = "ui-monospace, Menlo, Consolas, monospace";

/** One colour family per queue (and for the main script): strong for marks, light for fills. */
export interface Swatch {
  readonly strong: string;
  readonly light: string;
  readonly text: string;
}

export const KIND_SWATCH: Record<StepKind, Swatch> = {
  sync: { strong: "#56606e", light: "#e7eaef", text: "#2b3038" },
  nextTick: { strong: "#c8324a", light: "#fbe1e5", text: "#7d1527" },
  microtask: { strong: "#d97a00", light: "#fdebcf", text: "#7a4300" },
  timer: { strong: "#2a6fb0", light: "#dceaf7", text: "#143f69" },
  io: { strong: "#23894a", light: "#dbf1e2", text: "#0f4d27" },
  immediate: { strong: "#7d4fb0", light: "#ece2f6", text: "#452569" },
};

/** The queue a kind of callback waits in. */
export const QUEUE_OF: Record<Exclude<StepKind, "sync">, QueueName> = {
  nextTick: "nextTick",
  microtask: "microtask",
  timer: "timers",
  io: "poll",
  immediate: "check",
};

/** The queues in the order the picture draws them: the two drained after every callback first. */
export const QUEUES: readonly {
  queue: QueueName;
  kind: Exclude<StepKind, "sync">;
  title: string;
  feeds: readonly string[];
}[] = [
  { queue: "nextTick", kind: "nextTick", title: "nextTick queue", feeds: ["process.nextTick"] },
  {
    queue: "microtask",
    kind: "microtask",
    title: "microtasks",
    feeds: ["then · await", "queueMicrotask"],
  },
  { queue: "timers", kind: "timer", title: "timers", feeds: ["setTimeout", "setInterval"] },
  { queue: "poll", kind: "io", title: "poll (I/O)", feeds: ["fs · net · dns", "callbacks"] },
  { queue: "check", kind: "immediate", title: "check", feeds: ["setImmediate"] },
];

/** What a kind of callback is called in the picture's call-stack box. */
export const KIND_NAME: Record<StepKind, string> = {
  sync: "main script: fn(log)",
  nextTick: "nextTick callback",
  microtask: "microtask",
  timer: "timer callback",
  io: "I/O callback",
  immediate: "immediate callback",
};

/** Where a step ran, in words: "main script", "loop 2 · timers". */
export function placeOf(step: Pick<TraceStep, "iteration" | "phase">): string {
  return step.phase === "main"
    ? "main script"
    : `loop ${step.iteration} · ${PHASE_NAME[step.phase]}`;
}

export const PHASE_NAME: Record<LoopPhase, string> = {
  main: "main script",
  timers: "timers",
  poll: "poll",
  check: "check",
  close: "close",
};
