// The check-notebooks command line: its usage text, its options read and checked, and the list of
// notebooks they name.
import { readdir, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";

export const USAGE = `Usage: npm run check-notebooks -- [paths...] [options]

Runs each notebook (default: notebooks/*.ipynb) in its own tslab kernel and reports every failure.
  --jobs N           notebooks run in parallel (default: the core count)
  --shard i/n        run only the i-th of n slices of the notebook list (for CI machines)
  --timeout S        seconds a single cell may run (default 120)
  --time-scale X     passed to the notebooks as ASYNC_TS_TIME_SCALE (default 1; CI uses 0.05)
  --output-dir DIR   write the executed copies there (sources untouched)
  --write            store the executed outputs back into the sources (real time scale only)
  --solutions        run each notebook with every 'exercise' cell replaced by its solution's code,
                     and require every exercise's check to print ✔ (never combined with --write)
  --solutions-too    one run per notebook for both: each exercise's checks run as shipped (they must
                     print ✎), then its solution and its checks again (they must print ✔)
  --static-only      run nothing: only the checks that read the files (in every run too), in about a
                     second: exercise format, code lines within 100 characters, and for course
                     notebooks (NN-topic.ipynb from 01) the sitting (minutes = prose words / 200 +
                     code cells / 3 + 5 per exercise, at most 30, stated in the opening within 25%),
                     code cells of at most 12 lines, lib names named in inline code before first use
                     (in the notebook or an earlier-numbered one in the same folder)
  --report FILE      write a JSON report: per notebook and per cell, status and seconds
  --help             show this text

Check while writing: npx tsx scripts/check-notebooks.ts notebooks/05-x.ipynb --static-only`;

export class UsageError extends Error {}

export type Options = ReturnType<typeof readOptions>;

export function readOptions() {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        jobs: { type: "string" },
        shard: { type: "string" },
        timeout: { type: "string", default: "120" },
        "time-scale": { type: "string" },
        "output-dir": { type: "string" },
        write: { type: "boolean", default: false },
        solutions: { type: "boolean", default: false },
        "solutions-too": { type: "boolean", default: false },
        "static-only": { type: "boolean", default: false },
        report: { type: "string" },
        help: { type: "boolean", default: false },
      },
    });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n\n${USAGE}`);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const jobs = positiveNumber("--jobs", values.jobs ?? String(os.availableParallelism()), true);
  const timeout = positiveNumber("--timeout", values.timeout, true);
  const timeScale = positiveNumber("--time-scale", values["time-scale"] ?? "1", false);
  if (values.write && timeScale !== 1) {
    throw new UsageError(
      `--write stores outputs at the real time scale: drop --time-scale ${timeScale}.`,
    );
  }
  for (const flag of ["solutions", "solutions-too"] as const) {
    if (values.write && values[flag]) {
      throw new UsageError(
        `--${flag} runs solved copies, which must never be stored: drop --write (or --${flag}).`,
      );
    }
  }
  for (const flag of ["write", "solutions", "solutions-too", "output-dir"] as const) {
    if (values["static-only"] && values[flag]) {
      throw new UsageError(`--static-only runs no notebook: drop --${flag} (or --static-only).`);
    }
  }
  if (values.solutions && values["solutions-too"]) {
    throw new UsageError("--solutions and --solutions-too are two ways to run: pick one.");
  }
  let shard: [number, number] | undefined;
  if (values.shard) {
    const m = /^(\d+)\/(\d+)$/.exec(values.shard);
    const [i, n] = [Number(m?.[1]), Number(m?.[2])];
    if (!m || n < 1 || i < 1 || i > n)
      throw new UsageError(`--shard must be i/n with 1 <= i <= n, got '${values.shard}'.`);
    shard = [i, n];
  }
  return {
    paths: positionals.length ? positionals : ["notebooks"],
    jobs,
    timeout,
    timeScale,
    shard,
    outputDir: values["output-dir"],
    write: values.write,
    solutions: values.solutions,
    solutionsToo: values["solutions-too"],
    staticOnly: values["static-only"],
    report: values.report,
  };
}

function positiveNumber(flag: string, raw: string, integer: boolean): number {
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value))) {
    throw new UsageError(
      `${flag} must be a positive ${integer ? "whole " : ""}number, got '${raw}'.`,
    );
  }
  return value;
}

/** Expands folders to the .ipynb files in them; a named file that is missing is kept, to be reported. */
export async function findNotebooks(paths: string[]): Promise<string[]> {
  const found: string[] = [];
  for (const p of paths) {
    const info = await stat(p).catch(() => undefined);
    if (info?.isDirectory()) {
      const names = (await readdir(p))
        .filter((f) => f.endsWith(".ipynb") && !f.startsWith("_"))
        .sort();
      found.push(...names.map((f) => path.join(p, f)));
    } else {
      found.push(p);
    }
  }
  return found;
}

export function selectShard(all: string[], shard: [number, number] | undefined): string[] {
  if (!shard) return all;
  const [i, n] = shard;
  return all.filter((_, index) => index % n === i - 1);
}
