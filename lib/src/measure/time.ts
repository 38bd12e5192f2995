/**
 * One time scale for every simulated delay in the course.
 *
 * Notebooks speak in the guide's units ("this takes 3 s"); the checker runs them faster by setting
 * `ASYNC_TS_TIME_SCALE` (0.05 turns 3 s into 150 ms). Everything that waits on purpose goes through
 * {@link scaled}, so a notebook's claims hold at any scale.
 */

/** The environment variable that sets the time scale. */
export const TIME_SCALE_ENV = "ASYNC_TS_TIME_SCALE";

/**
 * Reads the current time scale: 1 means the guide's real seconds.
 * @returns A positive number, 1 when `ASYNC_TS_TIME_SCALE` is unset.
 * @throws {RangeError} When the variable is set but is not a positive number.
 * @example
 * ```ts
 * const scale = timeScale(); // 1 unless ASYNC_TS_TIME_SCALE says otherwise
 * ```
 */
export function timeScale(): number {
  const raw = process.env[TIME_SCALE_ENV];
  if (raw === undefined || raw === "") return 1;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) {
    throw new RangeError(
      `Cannot read time scale: ${TIME_SCALE_ENV} must be a positive number, got '${raw}'`,
    );
  }
  return value;
}

/**
 * Converts a duration in guide milliseconds to real milliseconds at the current scale.
 * @param ms A duration as the guide states it, in milliseconds.
 * @returns The real duration to wait.
 * @throws {RangeError} When `ms` is negative or not a number.
 * @example
 * ```ts
 * scaled(3000); // 3000 at scale 1, 150 at scale 0.05
 * ```
 */
export function scaled(ms: number): number {
  if (!Number.isFinite(ms) || ms < 0) {
    throw new RangeError(`Cannot scale duration: 'ms' must be a finite number >= 0, got ${ms}`);
  }
  return ms * timeScale();
}

/**
 * Converts a real duration back to guide seconds, the unit every notebook prints.
 * @param realMs A measured duration in real milliseconds.
 * @returns The duration in guide seconds at the current scale.
 * @throws {RangeError} When `realMs` is negative or not a number.
 * @example
 * ```ts
 * guideSeconds(150); // 0.15 at scale 1, 3 at scale 0.05
 * ```
 */
export function guideSeconds(realMs: number): number {
  if (!Number.isFinite(realMs) || realMs < 0) {
    throw new RangeError(
      `Cannot convert duration: 'realMs' must be a finite number >= 0, got ${realMs}`,
    );
  }
  return realMs / timeScale() / 1000;
}
