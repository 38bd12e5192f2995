/**
 * A deterministic CPU-bound task: counts the primes below `limit` by trial division.
 *
 * It never awaits, so while it runs nothing else on its thread can (no timers, no I/O). The
 * duration grows a little faster than linearly with `limit`: about 0.2 s for 1,200,000 on one core of
 * a small cloud VM. Plain and self-contained, so it also runs inside a worker.
 *
 * @param limit Count primes p with 2 <= p < limit; an integer >= 0.
 * @returns How many primes there are below `limit` (e.g. 25 below 100).
 * @throws {RangeError} When `limit` is not an integer >= 0.
 * @example
 * ```ts
 * countPrimes(100); // 25
 * ```
 */
export function countPrimes(limit: number): number {
  if (!Number.isSafeInteger(limit) || limit < 0) {
    throw new RangeError(`Cannot count primes: 'limit' must be an integer >= 0, got ${limit}`);
  }
  let count = 0;
  for (let n = 2; n < limit; n++) {
    let prime = true;
    for (let d = 2; d * d <= n; d++) {
      if (n % d === 0) {
        prime = false;
        break;
      }
    }
    if (prime) count++;
  }
  return count;
}
