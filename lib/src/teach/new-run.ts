// A fresh run for a timeline demo: its timeline, a log stamped with guide seconds, a simulated download.
import { guideSeconds } from "../measure/time.js";
import { simulate } from "../async/simulate.js";
import { Timeline } from "../show/timeline.js";

/** What {@link newRun} hands back. */
export interface DemoRun {
  /** The run's timeline; its clock starts when the run is made. */
  tl: Timeline;
  /** Prints `what` after the guide seconds since the run began, e.g. `"1.00 s  B done"`. */
  log: (what: string) => void;
  /**
   * A simulated download of `ms` guide milliseconds: logs its start and its end, draws its bar on
   * the timeline, and resolves with `"<name>'s data"`, or (with `fail`) rejects with
   * `Error("<name> failed")` when its time is up.
   */
  download: (name: string, ms: number, fail?: boolean) => Promise<string>;
}

/**
 * Makes a run for one experiment: a timeline, a `log` and a `download` that draws on it. Call it in
 * the cell that does the work, so the timeline's clock starts with the work.
 * @param title The timeline's title.
 * @returns `{ tl, log, download }`.
 * @throws {TypeError} When `title` is not a non-empty string.
 * @example
 * ```ts
 * const run = newRun("two downloads");
 * await Promise.all([run.download("A", 300), run.download("B", 100)]);
 * // prints "0.00 s  A starts (0.3 s)", "0.00 s  B starts (0.1 s)", "0.10 s  B done", "0.30 s  A done"
 * run.tl.show();
 * ```
 */
export function newRun(title: string): DemoRun {
  if (typeof title !== "string" || title === "") {
    throw new TypeError(`Cannot make a run: 'title' must be a non-empty string, got '${title}'`);
  }
  const tl = new Timeline(title);
  const log = (what: string): void => {
    console.log(`${guideSeconds(tl.now()).toFixed(2)} s  ${what}`);
  };
  const download = async (name: string, ms: number, fail = false): Promise<string> => {
    log(`${name} starts (${ms / 1000} s)`);
    const failure = fail ? { fail: new Error(`${name} failed`) } : {};
    try {
      const data = await simulate(name, ms, `${name}'s data`, { timeline: tl, ...failure });
      log(`${name} done`);
      return data;
    } catch (error) {
      log(`${name} failed`);
      throw error;
    }
  };
  return { tl, log, download };
}
