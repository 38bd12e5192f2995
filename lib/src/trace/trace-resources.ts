// Internal: what an async_hooks resource is, for traceLoop: its kind of callback, its queue,
// a readable name, and whether the trace must wait for it before it can end.
import { AsyncResource } from "node:async_hooks";
import type { QueueName, StepKind } from "./trace-types.js";

/** One traced async resource and what happened to it. */
export interface TracedResource {
  readonly asyncId: number;
  readonly type: string;
  readonly triggerAsyncId: number;
  readonly kind: Exclude<StepKind, "sync">;
  readonly queue: QueueName;
  readonly source: string;
  /** Index of the step during which it was created (for native ones: whose callback it serves). */
  createdAt: number;
  /** Real ms since the trace began, when it was created. */
  readonly createdMs: number;
  /** How the trace waits for it: not at all, until it ran once, or until it is closed. */
  readonly wait: "no" | "once" | "closed";
  readonly repeat: boolean;
  /** For timers: the delay in ms (Node runs a delay of 0 as 1). */
  readonly delayMs: number | undefined;
  /** A handle (socket, server...): its last callback may be a close callback. */
  readonly handle: boolean;
  /** The resource object, kept only for timers, immediates and handles (to check and clear them). */
  readonly object: object | undefined;
  /** Indexes of the steps in which its callback ran. */
  readonly runs: number[];
  /** Index of the step during which clearTimeout/clearInterval/clearImmediate removed it. */
  clearedAt: number | undefined;
  destroyed: boolean;
}

// One-shot native requests: each calls back once, then is destroyed.
const REQUEST = /REQ(WRAP|CALLBACK|PROMISE|UEST)?$|(CONNECT|SHUTDOWN|WRITE|SEND|QUERY)WRAP$/;
// Crypto jobs (RANDOMBYTESREQUEST, PBKDF2REQUEST...) are created for synchronous calls too, which
// never call back; only an asynchronous job gets an `ondone` callback, right after it is made.
const CRYPTO_JOB = /[A-Z0-9]REQUEST$/;

const IO_NAMES: Record<string, string> = {
  FSREQCALLBACK: "fs callback",
  FSREQPROMISE: "fs promise",
  FILEHANDLECLOSEREQ: "file close",
  STATWATCHER: "fs.watchFile",
  FSEVENTWRAP: "fs.watch",
  GETADDRINFOREQWRAP: "dns.lookup",
  GETNAMEINFOREQWRAP: "dns.lookupService",
  QUERYWRAP: "dns query",
  TCPSERVERWRAP: "net server",
  TCPWRAP: "TCP socket",
  TCPCONNECTWRAP: "TCP connect",
  PIPESERVERWRAP: "pipe server",
  PIPEWRAP: "pipe",
  PIPECONNECTWRAP: "pipe connect",
  WRITEWRAP: "stream write",
  SHUTDOWNWRAP: "stream end",
  UDPWRAP: "UDP socket",
  UDPSENDWRAP: "UDP send",
  PROCESSWRAP: "child process",
  SIGNALWRAP: "signal",
  HTTPINCOMINGMESSAGE: "http parser",
  HTTPCLIENTREQUEST: "http parser",
};

/** Reads a field of a Node-internal object (`_repeat`, `_idleTimeout`, `_destroyed`) defensively. */
export function field(object: object | undefined, name: string): unknown {
  return object === undefined ? undefined : (object as Record<string, unknown>)[name];
}

/** Describes a resource that async_hooks' `init` reported inside the traced code. */
export function describeResource(
  asyncId: number,
  type: string,
  triggerAsyncId: number,
  resource: object,
  createdAt: number,
  createdMs: number,
): TracedResource {
  const base = { asyncId, type, triggerAsyncId, createdAt, createdMs, runs: [] };
  const more = { clearedAt: undefined, destroyed: false, delayMs: undefined };
  if (type === "Timeout") {
    const repeat = typeof field(resource, "_repeat") === "number";
    const ms = Number(field(resource, "_idleTimeout"));
    const source = `${repeat ? "setInterval" : "setTimeout"} ${ms} ms`;
    const t = { kind: "timer", queue: "timers", source, wait: "once", handle: false } as const;
    return { ...base, ...t, ...more, repeat, delayMs: ms, object: resource };
  }
  if (type === "Immediate") {
    const i = { kind: "immediate", queue: "check", source: "setImmediate", wait: "once" } as const;
    return { ...base, ...i, ...more, repeat: false, handle: false, object: resource };
  }
  const drained = { wait: "no", repeat: false, handle: false, object: undefined } as const;
  if (type === "TickObject") {
    return {
      ...base,
      kind: "nextTick",
      queue: "nextTick",
      source: "process.nextTick",
      ...drained,
      ...more,
    };
  }
  if (type === "PROMISE" || type === "Microtask") {
    const source = type === "PROMISE" ? "promise job" : "queueMicrotask";
    return { ...base, kind: "microtask", queue: "microtask", source, ...drained, ...more };
  }
  // Native handles (sockets, servers, pipes) have hasRef(); JS AsyncResources and long-lived
  // helpers such as DNSCHANNEL never call back on their own, so the trace does not wait for them.
  const handle = typeof field(resource, "hasRef") === "function";
  const request = !handle && REQUEST.test(type) && !(resource instanceof AsyncResource);
  const wait = handle ? "closed" : request ? "once" : "no";
  const crypto = CRYPTO_JOB.test(type);
  const source = IO_NAMES[type] ?? (crypto ? "crypto job" : type.toLowerCase());
  const object = handle || crypto ? resource : undefined;
  return {
    ...base,
    kind: "io",
    queue: "poll",
    source,
    wait,
    repeat: false,
    handle,
    object,
    ...more,
  };
}

/** True while `r` can still call back: a timer not fired or cleared, a handle not closed. */
export function stillWaiting(r: TracedResource): boolean {
  if (r.wait === "no" || r.destroyed || r.clearedAt !== undefined) return false;
  if (r.wait === "once" && r.runs.length > 0 && !r.repeat) return false;
  if (field(r.object, "_destroyed") === true) return false;
  return !(CRYPTO_JOB.test(r.type) && typeof field(r.object, "ondone") !== "function");
}

/** True while the trace must wait for `r`: it can still call back and keeps the loop alive. */
export function stillPending(r: TracedResource): boolean {
  if (!stillWaiting(r)) return false;
  const hasRef = field(r.object, "hasRef");
  // An unref'd timer or handle does not keep a script alive, so it does not keep the trace open.
  return typeof hasRef === "function" ? hasRef.call(r.object) !== false : true;
}

/** Says what a pending resource is, for the timeout error: "an interval (...) ... was never cleared". */
export function describePending(r: TracedResource): string {
  const at = `created at step ${r.createdAt + 1}`;
  if (r.type === "Timeout") {
    return r.repeat
      ? `an interval (${r.source}) ${at} was never cleared`
      : `a timer (${r.source}) ${at} has not fired yet`;
  }
  if (r.type === "Immediate") return `an immediate (setImmediate) ${at} has not run yet`;
  if (r.handle) return `a ${r.source} (${r.type}) ${at} was never closed`;
  return `a ${r.source} request (${r.type}) ${at} has not called back yet`;
}
