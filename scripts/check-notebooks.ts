// Execute every notebook end to end with Jupyter's nbclient and fail on anything tslab hides.
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { $ } from "zx";
import { ensureJupyter, jupyterPython, root, SetupError } from "./jupyter-env.ts";
import {
  codeCellCount,
  judgeExecuted,
  longLineFailures,
  parseNotebook,
  type Failure,
  type Notebook,
  type RunStatus,
} from "./notebook-checks.ts";
import {
  courseNumber,
  exerciseConventionFailures,
  findExercises,
  judgeChecks,
  judgeExercises,
  locateInOriginal,
  shippedCells,
  withSolutions,
  withSolutionsAfter,
} from "./exercises.ts";
import { scrubOutputs } from "./scrub.ts";

const USAGE = `Usage: npm run check-notebooks -- [paths...] [options]

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
  --report FILE      write a JSON report: per notebook and per cell, status and seconds
  --help             show this text`;

interface Result {
  path: string;
  ok: boolean;
  seconds: number;
  codeCells: number;
  failures: Failure[];
  cells: { index: number; status: string; seconds: number }[];
  written?: boolean;
  /** `--solutions` only: the notebook has no exercise, so it was not run again. */
  skipped?: boolean;
}

class UsageError extends Error {}

main().catch((error: unknown) => {
  console.error(error instanceof SetupError || error instanceof UsageError ? error.message : error);
  process.exit(2);
});

async function main(): Promise<void> {
  const opts = readOptions();
  await ensureJupyter(["nbclient", "nbformat"]);
  const all = await findNotebooks(opts.paths);
  const notebooks = selectShard(all, opts.shard);
  if (notebooks.length === 0)
    throw new UsageError(`No notebooks to check in ${opts.paths.join(", ")}.`);

  if (opts.solutions) console.log("Each exercise cell is replaced by its solution's code.");
  if (opts.solutionsToo) {
    console.log("Each exercise is checked as shipped, then again with its solution in place.");
  }
  const work = await mkdtemp(path.join(os.tmpdir(), "check-notebooks-"));
  const started = performance.now();
  try {
    const results = await runAll(notebooks, opts, work);
    if (opts.report) await writeFile(opts.report, JSON.stringify({ results }, null, 2) + "\n");
    printSummary(results, (performance.now() - started) / 1000);
    process.exitCode = results.every((r) => r.ok) ? 0 : 1;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

type Options = ReturnType<typeof readOptions>;

function readOptions() {
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
async function findNotebooks(paths: string[]): Promise<string[]> {
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

function selectShard(all: string[], shard: [number, number] | undefined): string[] {
  if (!shard) return all;
  const [i, n] = shard;
  return all.filter((_, index) => index % n === i - 1);
}

/** Runs notebooks `jobs` at a time; those marked `async_ts.run_alone` run afterwards, one by one. */
async function runAll(files: string[], opts: Options, work: string): Promise<Result[]> {
  const alone = new Set<string>();
  for (const file of files) {
    const { notebook } = parseNotebook(await readFile(file, "utf8").catch(() => ""));
    if (notebook?.metadata.async_ts?.run_alone) alone.add(file);
  }
  const results: Result[] = [];
  const queue = files.filter((f) => !alone.has(f));
  const worker = async () => {
    for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
      results.push(report(await checkNotebook(file, opts, work)));
    }
  };
  await Promise.all(Array.from({ length: Math.min(opts.jobs, queue.length) }, worker));
  for (const file of alone) results.push(report(await checkNotebook(file, opts, work)));
  return results.sort((a, b) => files.indexOf(a.path) - files.indexOf(b.path));
}

async function checkNotebook(file: string, opts: Options, work: string): Promise<Result> {
  const started = performance.now();
  const result = (failures: Failure[], extra: Partial<Result> = {}): Result => ({
    path: file,
    ok: failures.length === 0,
    seconds: (performance.now() - started) / 1000,
    codeCells: 0,
    failures,
    cells: [],
    ...extra,
  });
  if (!existsSync(file)) return result([{ message: "the file does not exist" }]);
  const { notebook, failures } = parseNotebook(await readFile(file, "utf8"));
  if (!notebook) return result(failures);
  const conventions = exerciseConventionFailures(notebook, file);
  // Course notebooks (NN-topic.ipynb) keep their code lines readable in a narrow notebook column.
  if (courseNumber(file) !== undefined) conventions.push(...longLineFailures(notebook));
  const solved = opts.solutions ? withSolutions(notebook) : undefined;
  const both = opts.solutionsToo ? withSolutionsAfter(notebook) : undefined;
  // With no exercise to swap in, a solved run would repeat the run as shipped: skip it.
  if (opts.solutions && findExercises(notebook).length === 0) {
    return result(conventions, { codeCells: codeCellCount(notebook), skipped: true });
  }

  const input = (solved ?? both)?.notebook;
  let run = await execute(file, opts, work, input);
  // Kernels started side by side can collide on ports; one more try settles it.
  if (run.status.failure?.kind === "kernel-start") run = await execute(file, opts, work, input);
  const { status } = run;
  const judged = [...conventions, ...((solved ?? both)?.failures ?? [])];
  const ran = judgeExecuted(run.executed, status, opts.timeout);
  judged.push(...locateInOriginal(ran, run.executed, notebook));
  // Only a run that reached the end says anything about what the checks print.
  if (!status.failure && both) {
    for (const { exercise, shipped, solved: again } of both.runs) {
      judged.push(...judgeChecks(run.executed, shipped, false, exercise, notebook));
      if (again.length) judged.push(...judgeChecks(run.executed, again, true, exercise, notebook));
    }
  } else if (!status.failure) {
    judged.push(...judgeExercises(run.executed, opts.solutions));
  }
  // What is kept is the notebook as shipped: the cells added for the solved run are left out.
  const executed = both ? shippedCells(run.executed) : run.executed;
  judged.sort((a, b) => (a.cell ?? Infinity) - (b.cell ?? Infinity));
  const cells = Object.entries(status.cells).map(([index, c]) => ({
    index: Number(index) + 1,
    status: c?.status ?? "unknown",
    seconds: c?.seconds ?? 0,
  }));
  const clean = scrubOutputs(executed);
  if (opts.outputDir) {
    await mkdir(opts.outputDir, { recursive: true });
    await writeNotebook(path.join(opts.outputDir, path.basename(file)), clean);
  }
  const written = opts.write && judged.length === 0;
  if (written) await writeNotebook(file, clean);
  return result(judged, { codeCells: codeCellCount(notebook), cells, written });
}

/**
 * Runs one notebook through run-notebook.py, in the notebook's folder, with the time scale set;
 * `replacement` (a solved copy) runs in the file's place.
 */
async function execute(
  file: string,
  opts: Options,
  work: string,
  replacement?: Notebook,
): Promise<{ executed: Notebook; status: RunStatus }> {
  const dir = await mkdtemp(path.join(work, "nb-"));
  let input = path.resolve(file);
  if (replacement) {
    input = path.join(dir, "solved.ipynb");
    await writeFile(input, JSON.stringify(replacement));
  }
  const out = path.join(dir, "executed.ipynb");
  const statusFile = path.join(dir, "status.json");
  const env = {
    ...process.env,
    ASYNC_TS_TIME_SCALE: String(opts.timeScale),
    PYTHONWARNINGS: "ignore",
  };
  const proc = await $({
    quiet: true,
    nothrow: true,
    env,
    cwd: path.dirname(path.resolve(file)),
  })`${jupyterPython()} ${path.join(root, "scripts", "run-notebook.py")} ${input} ${out} ${statusFile} ${opts.timeout} 60 300 ${path.dirname(path.resolve(file))}`;
  if (!existsSync(statusFile)) {
    const reason = proc.stderr.trim().split("\n").slice(-3).join(" ") || `exit ${proc.exitCode}`;
    const source = JSON.parse(await readFile(file, "utf8")) as Notebook;
    return {
      executed: source,
      status: {
        cells: {},
        failure: { kind: "kernel-start", cell: null, message: reason },
        after_last_cell: [],
      },
    };
  }
  return {
    executed: JSON.parse(await readFile(out, "utf8")) as Notebook,
    status: JSON.parse(await readFile(statusFile, "utf8")) as RunStatus,
  };
}

/** Writes through a temporary file and a rename, so an interrupted write never leaves half a notebook. */
async function writeNotebook(file: string, nb: Notebook): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, JSON.stringify(nb, null, 1) + "\n");
  await rename(tmp, file);
}

function report(r: Result): Result {
  const mark = r.ok ? "✔" : "✘";
  const note = r.written ? "  (outputs written)" : r.skipped ? "  (no exercises: not run)" : "";
  console.log(`${mark} ${r.path}  ${r.codeCells} cells  ${r.seconds.toFixed(1)} s${note}`);
  return r;
}

function printSummary(results: Result[], seconds: number): void {
  const failed = results.filter((r) => !r.ok);
  if (failed.length) {
    console.log("\nFailures:");
    for (const r of failed) {
      for (const f of r.failures) {
        const where = f.cell ? `, cell ${f.cell} (${f.firstLine})` : "";
        console.log(`\n✘ ${r.path}${where}: ${f.message.replace(/\n/g, "\n    ")}`);
      }
    }
  }
  console.log(`\nChecked ${results.length} notebook(s) in ${seconds.toFixed(1)} s.`);
  console.log(`notebooks: ${results.length - failed.length} passed, ${failed.length} failed`);
}
