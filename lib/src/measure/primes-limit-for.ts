import { countPrimes } from "./count-primes.js";

/** The CPU time (ms) one count takes: unlike wall time, it is not stretched when other processes share the core. */
function timeCount(limit: number): number {
  const start = process.cpuUsage();
  countPrimes(limit);
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

/**
 * Sizes a CPU-bound job for this machine: the `countPrimes` limit that keeps one core busy for
 * about `realMs` milliseconds of CPU time (the wall time when the core is not shared). CPU work is not slowed down or sped up by the time scale, so a
 * notebook that wants "a 1 s computation" asks for `primesLimitFor(scaled(1000))` and gets the
 * same story at every scale and on every machine.
 *
 * It times growing counts first (doubling the limit until one takes a quarter of the target, or
 * 100 ms), then extrapolates with the work's growth (about limit^1.4 at these sizes), so
 * calibrating costs less than `realMs`. It is timed in CPU time, so other processes on a busy
 * machine make the job take longer on the clock but do not change the limit; expect the CPU time
 * to be within about 30% of the target.
 *
 * @param realMs How long one `countPrimes(limit)` call should take, in real milliseconds (1 to 60,000).
 * @returns An integer limit >= 1000.
 * @throws {RangeError} When `realMs` is not a number from 1 to 60,000.
 * @example
 * ```ts
 * const limit = primesLimitFor(500);
 * countPrimes(limit); // takes about 0.5 s on this machine
 * ```
 */
export function primesLimitFor(realMs: number): number {
  if (typeof realMs !== "number" || !Number.isFinite(realMs) || realMs < 1 || realMs > 60_000) {
    throw new RangeError(
      `Cannot size CPU work: 'realMs' must be a number from 1 to 60000, got ${String(realMs)}`,
    );
  }
  for (let i = 0; i < 5; i++) timeCount(20_000); // warm up the JIT: probes time compiled code
  // A short probe is easily stretched by a context switch: take the faster of two.
  const probe = (limit: number): number => {
    const ms = timeCount(limit);
    return ms < 20 ? Math.min(ms, timeCount(limit)) : ms;
  };
  let limit = 1000;
  let ms = probe(limit);
  while (ms < Math.min(realMs / 4, 100)) {
    limit *= 2;
    ms = probe(limit);
  }
  // Trial division does about limit^1.5 / ln(limit) steps: close to limit^1.4 at these sizes.
  const factor = (realMs / Math.max(ms, 0.01)) ** (1 / 1.4);
  return Math.max(1000, Math.round(limit * factor));
}
