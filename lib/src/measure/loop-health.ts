import { monitorEventLoopDelay, performance, type IntervalHistogram } from "node:perf_hooks";

/** What {@link loopHealth} measured while the work ran. Times are real milliseconds. */
export interface LoopHealth<T = unknown> {
  /** What the work returned. */
  value: T;
  /** Median event-loop delay: how late a timer typically fired. */
  p50Ms: number;
  /**
   * 99th percentile delay. With 50 samples or fewer this is simply the largest one, `maxMs` (up to
   * 150, the second largest): read it next to `samples`.
   */
  p99Ms: number;
  /** Worst delay seen: how long the loop was stuck at most. */
  maxMs: number;
  /**
   * How many delays the monitor recorded: about one per `resolutionMs` while the loop is free,
   * but only one for a whole block, since the monitor is itself a timer on the blocked loop.
   */
  samples: number;
  /** Share of the time the loop was busy running code, 0..1. */
  utilization: number;
  /** Wall time of the whole run. */
  wallMs: number;
}

/**
 * Runs some work while watching the event loop: delay percentiles (perf_hooks'
 * monitorEventLoopDelay) and utilization (eventLoopUtilization). A healthy loop stays within a
 * few ms; CPU-bound work on the main thread shows up as a large `maxMs`.
 *
 * The monitor samples the delay once per `resolutionMs` (with a timer on the loop itself), so a
 * loop blocked for 100 ms yields one sample of 100 ms, not a hundred. Percentiles need many
 * samples: the p99 of 50 or fewer is the maximum. `samples` says how many there were.
 *
 * @param work The code to observe; awaited.
 * @param options `resolutionMs`: the delay sampling interval (default 10, at least 1); use 1 for
 *   short runs, so the percentiles rest on enough samples.
 * @returns The work's value and the loop's numbers.
 * @throws {TypeError} (as a rejection) When `work` is not a function.
 * @throws {unknown} (as a rejection) Whatever `work` throws; the monitor is stopped either way.
 * @example
 * ```ts
 * const health = await loopHealth(async () => blockFor(200));
 * console.log(formatLoopHealth(health)); // "loop delay p50 … max 201 ms (3 samples); busy …"
 * ```
 */
export async function loopHealth<T>(
  work: () => T | Promise<T>,
  options: { resolutionMs?: number } = {},
): Promise<LoopHealth<T>> {
  if (typeof work !== "function") {
    throw new TypeError(`Cannot watch loop: 'work' must be a function, got ${typeof work}`);
  }
  const resolution = Math.max(1, Math.round(options.resolutionMs ?? 10));
  const histogram = monitorEventLoopDelay({ resolution });
  histogram.enable();
  // The monitor's first tick only sets its baseline; a block before it would go unseen. Wait for
  // its first recorded sample rather than for a timer, whose order against the monitor's varies.
  await nextSample(histogram, 0, resolution);
  const eluStart = performance.eventLoopUtilization();
  const start = performance.now();
  try {
    const value = await work();
    // Let the monitor record once more, so a block at the very end is counted.
    await nextSample(histogram, histogram.count, resolution);
    const wallMs = performance.now() - start;
    const elu = performance.eventLoopUtilization(eluStart);
    // The histogram counts the sampling interval itself in every delay; subtract it.
    const ms = (ns: number): number => Math.max(0, ns / 1e6 - resolution);
    return {
      value,
      p50Ms: ms(histogram.percentile(50)),
      p99Ms: ms(histogram.percentile(99)),
      maxMs: ms(histogram.max),
      samples: histogram.count,
      utilization: elu.utilization,
      wallMs,
    };
  } finally {
    histogram.disable();
  }
}

/** Resolves once the monitor has more than `count` samples (giving up after 100 intervals). */
async function nextSample(histogram: IntervalHistogram, count: number, resolution: number) {
  for (let i = 0; i < 100 && histogram.count <= count; i++) {
    await new Promise((resolve) => setTimeout(resolve, resolution));
  }
}

/**
 * Formats {@link loopHealth}'s numbers on one line.
 * @param health The result of loopHealth.
 * @returns e.g. `"loop delay p50 0.1 ms, p99 0.3 ms, max 1.2 ms (98 samples); busy 3% of 1.00 s
 *   (real)"`.
 * @throws {TypeError} When `health` lacks the numbers.
 * @example
 * ```ts
 * formatLoopHealth(await loopHealth(() => sleep(100)));
 * ```
 */
export function formatLoopHealth(health: Omit<LoopHealth, "value">): string {
  if (typeof health?.maxMs !== "number") {
    throw new TypeError(`Cannot format loop health: expected loopHealth()'s result`);
  }
  const f = (n: number): string => n.toFixed(1);
  return (
    `loop delay p50 ${f(health.p50Ms)} ms, p99 ${f(health.p99Ms)} ms, max ${f(health.maxMs)} ms ` +
    `(${health.samples} samples); ` +
    `busy ${Math.round(health.utilization * 100)}% of ${(health.wallMs / 1000).toFixed(2)} s (real)`
  );
}
