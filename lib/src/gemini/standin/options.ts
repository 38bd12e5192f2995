/**
 * Options of the Gemini stand-in: what can be set, the defaults, and the checks that name a bad value.
 */
import { FAULT_STATUSES, type FaultStatus } from "./faults.js";
import type { GeminiMethod } from "./routing.js";
import { scaled } from "../../measure/time.js";

/** One finished request, as {@link StandinOptions.onRequest} reports it (never with the key). */
export interface StandinRequestLog {
  /** The HTTP method, e.g. "POST". */
  httpMethod: string;
  /** The path without its query string (which could hold a key). */
  path: string;
  /** The REST method, when the path named one the stand-in knows. */
  method: GeminiMethod | undefined;
  model: string | undefined;
  /** The status sent, or 499 when the client went away first. */
  status: number;
  /** Real milliseconds from arrival to the end of the answer. */
  ms: number;
}

/** How to run the stand-in. Durations are in the guide's milliseconds, scaled by the time scale. */
export interface StandinOptions {
  /** TCP port; 0 (the default) picks a free one. */
  port?: number;
  /** Interface to listen on; default "127.0.0.1". */
  host?: string;
  /** Time before an answer (or the first streamed chunk); default 400. */
  latencyMs?: number;
  /** Time between streamed chunks; default 100. */
  streamChunkMs?: number;
  /** Fraction of requests (0..1) that fail with one of `failStatuses`; default 0. */
  failRate?: number;
  /** Statuses injected faults use, picked by the seeded dice; default [429, 503]. */
  failStatuses?: readonly FaultStatus[];
  /** Seed of the dice for faults and slow answers; default 1. */
  seed?: number;
  /** Fraction of requests (0..1) answered after `slowMs` instead of `latencyMs`; default 0. */
  slowRate?: number;
  /** Latency of a slow answer; default 30000. */
  slowMs?: number;
  /** Retry delay a 429's RetryInfo asks for; default 2000. */
  retryDelayMs?: number;
  /**
   * Fraction of streamed answers (0..1) that fail partway with one of `failStatuses`, after the
   * first half of their chunks; default 0.
   */
  midStreamFailRate?: number;
  /**
   * Requests in flight served at full speed; past it latency climbs and 429/503 answers appear
   * (see load.ts); default Infinity (no limit).
   */
  capacity?: number;
  /** Keys accepted besides STANDIN_API_KEY ("offline-stand-in") and real-looking keys; default []. */
  apiKeys?: readonly string[];
  /** Keys refused with 400 API_KEY_INVALID even if they look real (a revoked key); default []. */
  rejectKeys?: readonly string[];
  /** Called once per finished request. */
  onRequest?: (entry: StandinRequestLog) => void;
}

/** Options with defaults filled in and durations converted to real milliseconds. */
export type CheckedStandinOptions = Required<Omit<StandinOptions, "onRequest">> &
  Pick<StandinOptions, "onRequest">;

function fail(name: string, rule: string, value: unknown): never {
  throw new RangeError(`Cannot start stand-in: '${name}' ${rule}, got ${JSON.stringify(value)}`);
}

function checkNumber(
  name: string,
  value: unknown,
  min: number,
  max: number,
  integer = false,
): number {
  const rule = integer
    ? `must be an integer from ${min} to ${max}`
    : `must be between ${min} and ${max}`;
  if (typeof value !== "number" || !Number.isFinite(value) || value < min || value > max)
    fail(name, rule, value);
  if (integer && !Number.isInteger(value)) fail(name, rule, value);
  return value;
}

/**
 * Checks stand-in options, fills in defaults and scales durations.
 * @param options The caller's options.
 * @returns The checked options, durations in real milliseconds.
 * @throws {RangeError} Naming the first bad option and its value.
 */
export function checkStandinOptions(options: StandinOptions = {}): CheckedStandinOptions {
  const day = 86_400_000;
  const { failStatuses = [429, 503], apiKeys = [], rejectKeys = [], host = "127.0.0.1" } = options;
  if (!Array.isArray(failStatuses) || failStatuses.length === 0) {
    fail("failStatuses", `must be a non-empty list of ${FAULT_STATUSES.join(", ")}`, failStatuses);
  }
  for (const status of failStatuses as readonly unknown[]) {
    if (!(FAULT_STATUSES as readonly unknown[]).includes(status)) {
      fail("failStatuses", `may only hold ${FAULT_STATUSES.join(", ")}`, status);
    }
  }
  for (const [name, keys] of Object.entries({ apiKeys, rejectKeys })) {
    if (!Array.isArray(keys) || !keys.every((key) => typeof key === "string")) {
      fail(name, "must be a list of strings", keys);
    }
  }
  const capacity = options.capacity ?? Infinity;
  if (capacity !== Infinity && !(Number.isInteger(capacity) && capacity >= 1)) {
    fail("capacity", "must be an integer >= 1, or Infinity", capacity);
  }
  if (typeof host !== "string" || host === "") fail("host", "must be a host name or address", host);
  if (options.onRequest !== undefined && typeof options.onRequest !== "function") {
    fail("onRequest", "must be a function", typeof options.onRequest);
  }
  return {
    port: checkNumber("port", options.port ?? 0, 0, 65535, true),
    host,
    latencyMs: scaled(checkNumber("latencyMs", options.latencyMs ?? 400, 0, day)),
    streamChunkMs: scaled(checkNumber("streamChunkMs", options.streamChunkMs ?? 100, 0, day)),
    failRate: checkNumber("failRate", options.failRate ?? 0, 0, 1),
    failStatuses,
    seed: checkNumber("seed", options.seed ?? 1, 0, 2 ** 32 - 1, true),
    slowRate: checkNumber("slowRate", options.slowRate ?? 0, 0, 1),
    slowMs: scaled(checkNumber("slowMs", options.slowMs ?? 30_000, 0, day)),
    retryDelayMs: scaled(checkNumber("retryDelayMs", options.retryDelayMs ?? 2000, 0, day)),
    midStreamFailRate: checkNumber("midStreamFailRate", options.midStreamFailRate ?? 0, 0, 1),
    capacity,
    apiKeys,
    rejectKeys,
    onRequest: options.onRequest,
  };
}
