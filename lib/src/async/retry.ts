import { sleep } from "./sleep.js";
import type { Timeline } from "../show/timeline.js";

/** What {@link RetryOptions.onAttempt} hears after every attempt. */
export interface AttemptInfo {
  /** 1 for the first try. */
  attempt: number;
  /** The attempt's error; undefined when it succeeded. */
  error?: unknown;
  /** The guide-ms wait before the next attempt; undefined when there is none. */
  delayMs?: number;
}

/** Options for {@link retry}. Durations are guide milliseconds, scaled by the time scale. */
export interface RetryOptions {
  /** Total tries including the first (default 3). */
  attempts?: number;
  /** Backoff base: attempt n waits up to `baseMs * 2 ** (n - 1)` (default 100). */
  baseMs?: number;
  /** The most any backoff wait can be (default 10,000). */
  capMs?: number;
  /** Whether an error is worth another try (default: every error is). */
  retryable?: (error: unknown) => boolean;
  /** A server's requested wait for this error (e.g. Retry-After), used instead of backoff. */
  retryAfterMs?: (error: unknown) => number | undefined;
  /** Stops everything at once: rejects with `signal.reason`, clears the pending wait. */
  signal?: AbortSignal;
  /** Called after every attempt, e.g. to print "attempt 2 failed, waiting 0.31 s". */
  onAttempt?: (info: AttemptInfo) => void;
  /** Records each attempt as a span: "retry" when another follows, "error" or "ok" at the end. */
  timeline?: Timeline;
  /** The span name on the timeline (default "attempt"). */
  name?: string;
  /** Source of jitter in [0, 1) (default Math.random); tests pass a fixed one. */
  random?: () => number;
}

/** The error {@link retry} rejects with after the last attempt failed; `cause` is the last error. */
export class RetryError extends Error {
  override name = "RetryError";
  constructor(
    message: string,
    readonly attempts: number,
    readonly errors: readonly unknown[],
  ) {
    super(message, { cause: errors[errors.length - 1] });
  }
}

function checkCount(name: string, value: number, min: number): void {
  if (!Number.isFinite(value) || value < min) {
    throw new RangeError(`Cannot retry: '${name}' must be a finite number >= ${min}, got ${value}`);
  }
}

/**
 * Calls `fn` until it succeeds, waiting with exponential backoff and full jitter between tries.
 *
 * The wait before try n+1 is a random time in [0, min(capMs, baseMs * 2 ** (n - 1))), unless
 * `retryAfterMs` names a wait for that error, which is honoured as given (not capped). `fn` and
 * the callbacks run in the caller's async context; nothing is kept once the retry settles.
 *
 * @param fn The operation; it gets the attempt number (1-based) and the signal to pass on.
 * @param options attempts, baseMs, capMs, retryable, retryAfterMs, signal, onAttempt, timeline.
 * @returns What the first successful attempt returned.
 * @throws {RetryError} (as a rejection) After `attempts` failures, with the last error as `cause`.
 * @throws {unknown} (as a rejection) A non-retryable error, unchanged, as soon as it happens;
 *   `signal.reason` as soon as the signal aborts (no timer is left behind).
 * @example
 * ```ts
 * const page = await retry(() => fetchFlaky(), { attempts: 4, baseMs: 200 });
 * ```
 */
export async function retry<T>(
  fn: (attempt: number, signal: AbortSignal | undefined) => T | Promise<T>,
  options: RetryOptions = {},
): Promise<T> {
  const { attempts = 3, baseMs = 100, capMs = 10_000, signal, timeline } = options;
  if (typeof fn !== "function") {
    throw new TypeError(`Cannot retry: 'fn' must be a function, got ${typeof fn}`);
  }
  if (!Number.isInteger(attempts) || attempts < 1) {
    throw new RangeError(`Cannot retry: 'attempts' must be an integer >= 1, got ${attempts}`);
  }
  checkCount("baseMs", baseMs, 0);
  checkCount("capMs", capMs, 0);
  const { retryable = () => true, retryAfterMs, onAttempt, random = Math.random } = options;
  const name = options.name ?? "attempt";
  const errors: unknown[] = [];
  for (let attempt = 1; ; attempt++) {
    signal?.throwIfAborted();
    const span = timeline?.start(`${name} ${attempt}`);
    try {
      const value = await fn(attempt, signal);
      span?.end("ok");
      onAttempt?.({ attempt });
      return value;
    } catch (error) {
      errors.push(error);
      // An abort during the attempt ends the whole retry, whatever the error looks like.
      if (signal?.aborted) {
        span?.end("cancelled");
        throw signal.reason;
      }
      const isRetryable = retryable(error);
      const again = attempt < attempts && isRetryable;
      const serverMs = again ? retryAfterMs?.(error) : undefined;
      const delayMs = !again
        ? undefined
        : serverMs !== undefined && Number.isFinite(serverMs) && serverMs >= 0
          ? serverMs
          : random() * Math.min(capMs, baseMs * 2 ** (attempt - 1));
      span?.end(again ? "retry" : "error");
      onAttempt?.({ attempt, error, delayMs });
      if (delayMs === undefined) {
        if (!isRetryable) throw error;
        const last = error instanceof Error ? error.message : String(error);
        throw new RetryError(`Gave up after ${attempt} attempts: ${last}`, attempt, errors);
      }
      await sleep(delayMs, { signal });
    }
  }
}
