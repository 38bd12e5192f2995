import { timeScale } from "../measure/time.js";

/** Options for {@link sleep}. */
export interface SleepOptions {
  /** Stops the wait early; the promise then rejects with `signal.reason`. */
  signal?: AbortSignal;
}

/**
 * Waits for a duration in guide milliseconds, scaled by the course's time scale.
 *
 * @param ms How long to wait, in guide milliseconds (3000 means "3 s" in the guide).
 * @param options An optional `signal` that cancels the wait.
 * @returns A promise that resolves after the scaled delay.
 * @throws {RangeError} (as a rejection) When `ms` is negative or not a number.
 * @throws {unknown} (as a rejection) `signal.reason` when the signal aborts; the timer is cleared.
 * @example
 * ```ts
 * await sleep(3000); // 3 s in the guide, 150 ms at ASYNC_TS_TIME_SCALE=0.05
 * ```
 */
export function sleep(ms: number, options: SleepOptions = {}): Promise<void> {
  const { signal } = options;
  return new Promise<void>((resolve, reject) => {
    if (!Number.isFinite(ms) || ms < 0) {
      reject(new RangeError(`Cannot sleep: 'ms' must be a finite number >= 0, got ${ms}`));
      return;
    }
    if (signal?.aborted) {
      reject(signal.reason as Error);
      return;
    }
    let realMs: number;
    try {
      realMs = ms * timeScale();
    } catch (error) {
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- passed on unchanged
      reject(error);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason as Error);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, realMs);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
