// Cuts a CPU profile down to the samples taken from a given moment on.
import type { CpuProfile } from "./top-frames.js";

/** A profile with its start time, as the inspector's `Profiler.stop` returns it. */
export type TimedCpuProfile = CpuProfile & { startTime: number };

/**
 * The microsecond clock V8 stamps profiles with (`startTime`, `endTime`): the monotonic clock that
 * `process.hrtime` reads, so a moment noted with this function can be found in a profile.
 * @returns Now, in microseconds on that clock.
 * @example
 * ```ts
 * const stallStart = profileClockUs();
 * ```
 */
export function profileClockUs(): number {
  return Number(process.hrtime.bigint() / 1000n);
}

/**
 * Keeps only the samples a profile took from `sinceUs` on, so that what ran before (such as the
 * profiler's own start, which in a big process is its slowest part) is not counted.
 * @param profile A profile from the inspector's `Profiler.stop`.
 * @param sinceUs A moment from {@link profileClockUs}.
 * @returns A copy of the profile with the earlier samples dropped (the first kept sample's delta
 *   counts from `sinceUs`); `nodes` are shared with the original.
 * @throws {TypeError} When the profile has no `startTime`, or `sinceUs` is not a finite number.
 * @example
 * ```ts
 * const since = profileClockUs();
 * work();
 * const { profile } = await inspector.post("Profiler.stop");
 * table(topFrames(profileSince(profile, since)));
 * ```
 */
export function profileSince(profile: TimedCpuProfile, sinceUs: number): TimedCpuProfile {
  if (typeof profile?.startTime !== "number") {
    throw new TypeError("Cannot cut profile: expected a profile with a numeric 'startTime'");
  }
  if (!Number.isFinite(sinceUs)) {
    throw new TypeError(`Cannot cut profile: 'sinceUs' must be a finite number, got ${sinceUs}`);
  }
  const samples: number[] = [];
  const timeDeltas: number[] = [];
  let at = profile.startTime;
  (profile.samples ?? []).forEach((node, i) => {
    const previous = at;
    at += profile.timeDeltas?.[i] ?? 0;
    if (at < sinceUs) return;
    samples.push(node);
    timeDeltas.push(at - Math.max(previous, sinceUs));
  });
  return { ...profile, startTime: Math.max(profile.startTime, sinceUs), samples, timeDeltas };
}
