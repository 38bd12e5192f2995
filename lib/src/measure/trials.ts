// A trial runner: times a workload run one way, watches the event loop meanwhile, keeps a row.
import { loopHealth } from "./loop-health.js";
import { measure } from "./measure.js";

/** One trial's row: what ran, how, how long it took and how long the loop was stuck. */
export type TrialRow = {
  workload: string;
  approach: string;
  /** Guide seconds for waiting work; real seconds for CPU work (the time scale cannot shrink it). */
  seconds: number;
  /** The longest the event loop could not run anything else, in real ms. */
  "loop stuck up to (ms)": number;
};

/** Options for {@link Trials.run}. */
export interface TrialOptions {
  /**
   * CPU work: timed in real seconds, best of three runs (other programs compete for the cores).
   * Default false: waiting work, run once and timed in guide seconds.
   */
  cpu?: boolean;
}

/** The runner {@link createTrials} returns. */
export interface Trials {
  /** Every trial so far, in the order they ran. */
  readonly rows: TrialRow[];
  /**
   * Runs `work`, adds its row and prints `expected …, measured …; loop stuck up to … ms`.
   * @returns Nothing (so that a cell ending with it prints only that line); read the row with `at`.
   */
  run(
    workload: string,
    approach: string,
    work: () => unknown,
    expected: string,
    options?: TrialOptions,
  ): Promise<void>;
  /**
   * The row of an earlier trial.
   * @throws {Error} When no trial ran with that workload and approach.
   */
  at(workload: string, approach: string): TrialRow;
}

/**
 * Makes a trial runner: each trial times some work with `measure` inside `loopHealth` (sampling
 * every 1 ms), so its row holds both the time and the worst event-loop delay, and prints theory
 * beside measurement.
 * @returns The runner; its `rows` feed a table.
 * @example
 * ```ts
 * const trials = createTrials();
 * await trials.run("I/O", "one loop", () => sleep(500), "≈ 0.50 s");
 * // prints "I/O, one loop: expected ≈ 0.50 s, measured 0.50 s; loop stuck up to 1 ms"
 * trials.at("I/O", "one loop").seconds; // 0.5…
 * ```
 */
export function createTrials(): Trials {
  const rows: TrialRow[] = [];
  return {
    rows,
    async run(workload, approach, work, expected, options = {}) {
      if (typeof work !== "function") {
        throw new TypeError(`Cannot run trial '${approach}': 'work' must be a function`);
      }
      const cpu = options.cpu === true;
      const runs = [];
      for (let i = 0; i < (cpu ? 3 : 1); i++) {
        // Sample every 1 ms: at the default 10 ms, a block shorter than ~20 ms reads up to 10 ms
        // short (the monitor only sees how late its next tick fired).
        runs.push(await loopHealth(() => measure(work, { print: false }), { resolutionMs: 1 }));
      }
      const best = runs.sort((a, b) => a.value.realMs - b.value.realMs)[0]!;
      const seconds = cpu ? best.value.realMs / 1000 : best.value.seconds;
      const row: TrialRow = {
        workload,
        approach,
        seconds,
        "loop stuck up to (ms)": Math.round(best.maxMs),
      };
      rows.push(row);
      const note = `${cpu ? " (best of 3)" : ""}; loop stuck up to ${row["loop stuck up to (ms)"]} ms`;
      console.log(
        `${workload}, ${approach}: expected ${expected}, measured ${seconds.toFixed(2)} s${note}`,
      );
    },
    at(workload, approach) {
      const row = rows.find((r) => r.workload === workload && r.approach === approach);
      if (!row) throw new Error(`No trial ran '${workload}' with '${approach}'`);
      return row;
    },
  };
}
