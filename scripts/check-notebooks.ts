// Execute every notebook end to end with Jupyter's nbclient and fail on anything tslab hides.
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { $ } from "zx";
import {
  findNotebooks,
  readOptions,
  selectShard,
  UsageError,
  type Options,
} from "./check-options.ts";
import { ensureJupyter, jupyterPython, root, SetupError } from "./jupyter-env.ts";
import {
  codeCellCount,
  judgeExecuted,
  parseNotebook,
  type Failure,
  type Notebook,
  type RunStatus,
} from "./notebook-checks.ts";
import { findExercises, judgeChecks, judgeExercises } from "./exercises.ts";
import {
  locateInOriginal,
  shippedCells,
  withSolutions,
  withSolutionsAfter,
} from "./exercise-runs.ts";
import { staticFailures } from "./notebook-rules.ts";
import { ranOn } from "./ran-on.ts";
import { scrubOutputs } from "./scrub.ts";

/** The lib's declarations: the lib-names rule reads its type-only exports there. */
const LIB_TYPES = path.join(root, "lib", "dist", "index.d.ts");

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

main().catch((error: unknown) => {
  console.error(error instanceof SetupError || error instanceof UsageError ? error.message : error);
  process.exit(2);
});

async function main(): Promise<void> {
  const opts = readOptions();
  if (!opts.staticOnly) await ensureJupyter(["nbclient", "nbformat"]);
  if (!existsSync(LIB_TYPES)) {
    throw new SetupError(`${path.relative(".", LIB_TYPES)} is missing: run \`npm run build\`.`);
  }
  const all = await findNotebooks(opts.paths);
  const notebooks = selectShard(all, opts.shard);
  if (notebooks.length === 0)
    throw new UsageError(`No notebooks to check in ${opts.paths.join(", ")}.`);

  if (opts.staticOnly) console.log("Static checks only: no notebook runs.");
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
  // What the file alone shows (exercise format, course rules) is judged in every run.
  const conventions = await staticFailures(file, notebook, LIB_TYPES);
  if (opts.staticOnly) return result(conventions, { codeCells: codeCellCount(notebook) });
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
  if (written) {
    // The notebook says what its stored outputs ran on (its navigation cell shows it).
    const asyncTs = { ...clean.metadata.async_ts, ran_on: await ranOn() };
    await writeNotebook(file, { ...clean, metadata: { ...clean.metadata, async_ts: asyncTs } });
  }
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
