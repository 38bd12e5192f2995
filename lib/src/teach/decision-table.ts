// Notebook 11's decision table: which tool for which kind of work, with this run's evidence.
import type { TrialRow, Trials } from "../measure/trials.js";
import { table } from "../show/table.js";

/** One rule of the table: the kind of work, the tool, and the measurements behind it. */
export type DecisionRow = {
  "the work mostly…": string;
  use: string;
  "evidence here": string;
};

const sec = (row: TrialRow): string => `${row.seconds.toFixed(2)} s`;
const ms = (row: TrialRow): string => `${(row.seconds * 1000).toFixed(0)} ms`;
const stuck = (row: TrialRow): string => `${row["loop stuck up to (ms)"]} ms`;

/**
 * Builds the decision table from notebook 11's trials, so each rule quotes this run's numbers. It
 * reads the rows named "I/O", "CPU", "JSON" and "script" with the approaches the notebook runs.
 * @param trials The notebook's trial runner (only `at` is used).
 * @param threads The worker pool's thread count, for the speed-up.
 * @returns Five rules: waiting, computing with small messages, computing a big result,
 *   computing on a busy loop without threads to spare, dependent steps.
 * @throws {Error} When a trial the table quotes has not run (naming it).
 * @example
 * ```ts
 * decisionRows(trials, pool.threads)[0].use; // "promises on the main thread: start all, …"
 * ```
 */
export function decisionRows(trials: Pick<Trials, "at">, threads: number): DecisionRow[] {
  if (!Number.isInteger(threads) || threads < 1) {
    throw new RangeError(`Cannot build decision table: 'threads' must be >= 1, got ${threads}`);
  }
  const io = { loop: trials.at("I/O", "one loop"), pool: trials.at("I/O", "worker pool") };
  const cpu = {
    loop: trials.at("CPU", "one loop"),
    chunked: trials.at("CPU", "chunked"),
    pool: trials.at("CPU", "worker pool"),
  };
  const json = {
    loop: trials.at("JSON", "one loop"),
    whole: trials.at("JSON", "worker pool, whole object back"),
    summary: trials.at("JSON", "worker pool, summary back"),
  };
  const script = {
    loop: trials.at("script", "one loop"),
    pool: trials.at("script", "worker pool"),
  };
  const speedUp = (cpu.loop.seconds / cpu.pool.seconds).toFixed(2);
  const rule = (work: string, use: string, evidence: string): DecisionRow => ({
    "the work mostly…": work,
    use,
    "evidence here": evidence,
  });
  return [
    rule(
      "waits (network, disk, timers)",
      "promises on the main thread: start all, then await together",
      `one loop ${sec(io.loop)}, worker pool ${sec(io.pool)}: threads do not shorten a wait`,
    ),
    rule(
      "computes, with small inputs and answers (hashing, maths)",
      "a worker pool (worker_threads, piscina)",
      `one loop ${sec(cpu.loop)}, worker pool ${sec(cpu.pool)}: speed-up ${speedUp}× on ` +
        `${threads} threads (theory: up to ${threads}× with ${threads} free cores); loop stuck ` +
        `${stuck(cpu.pool)} instead of ${stuck(cpu.loop)}`,
    ),
    rule(
      "computes a big result (parsing a large document)",
      "a worker that also does the work using it, sending back a small answer " +
        "(or bytes moved with transferList, or a SharedArrayBuffer)",
      `parse here ${ms(json.loop)}; whole object back ${ms(json.whole)}, loop stuck ` +
        `${stuck(json.whole)}; summary back ${ms(json.summary)}, stuck ${stuck(json.summary)}`,
    ),
    rule(
      "computes, on a loop that must stay responsive, with no thread to spare",
      "chunks with setImmediate between pieces (no faster, but the loop answers)",
      `${sec(cpu.chunked)} against ${sec(cpu.loop)} on one loop; loop stuck ` +
        `${stuck(cpu.chunked)} instead of ${stuck(cpu.loop)}`,
    ),
    rule(
      "runs steps that each need the previous one",
      "plain sequential code (await in order, or sync APIs in a CLI)",
      `one loop ${sec(script.loop)}, worker pool ${sec(script.pool)}: nothing to overlap`,
    ),
  ];
}

/**
 * Shows {@link decisionRows} as a table in the notebook.
 * @param trials The notebook's trial runner.
 * @param threads The worker pool's thread count.
 * @returns Nothing; the table is displayed.
 * @throws {Error} When a trial the table quotes has not run.
 * @example
 * ```ts
 * decisionTable(trials, pool.threads);
 * ```
 */
export function decisionTable(trials: Pick<Trials, "at">, threads: number): void {
  table(decisionRows(trials, threads));
}
