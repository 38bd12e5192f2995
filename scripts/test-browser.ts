// Run every notebook in JupyterLab in headless Chromium, as readers do, and screenshot each one.
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { chromium, type Browser } from "playwright-core";
import {
  checkJupyterOrExplain,
  CHROMIUM_ARGS,
  findChromium,
  PrerequisiteError,
  shutDownKernel,
  startLab,
  stopLab,
  type Lab,
} from "./browser/lab.ts";
import {
  clearOutputs,
  countPictures,
  judgeOutputs,
  openNotebook,
  runAllCells,
  screenshot,
  solveInUi,
  waitForRun,
} from "./browser/page.ts";
import { exercisesStart, findExercises } from "./exercises.ts";
import { root, SetupError } from "./jupyter-env.ts";
import { testSite } from "./site/check-site.ts";
import { text, type Notebook } from "./notebook-checks.ts";

/** The notebook where the test also solves a code exercise through the UI, as a reader would. */
const WALKTHROUGH = "11-when-to-use-async.ipynb";

const USAGE = `Usage: npm run test:browser -- [screenshot dir] [notebooks...] [--jobs N]

Starts the course with \`npm run lab\`, opens each notebook (default: notebooks/*.ipynb) in headless
Chromium, clears its outputs, runs all cells from the Run menu at ASYNC_TS_TIME_SCALE=0.05, checks
the fresh outputs, and saves a full-page screenshot per notebook (default folder: ./screenshots).
Notebooks are never saved. Without named notebooks it also builds and checks the static site while
JupyterLab starts (what \`npm run test:site\` does; site-*.png screenshots).
  --jobs N   notebooks run at once, each in its own browser context and kernel (default 1)`;

interface Result {
  name: string;
  cells: number;
  seconds: number;
  failures: string[];
  opened?: string;
}

let lab: Lab | undefined;

process.on("SIGINT", () => {
  console.error("\nInterrupted: shutting Jupyter down.");
  void stopLab(lab).finally(() => process.exit(130));
});

main().catch(async (error: unknown) => {
  await stopLab(lab);
  const known = error instanceof PrerequisiteError || error instanceof SetupError;
  console.error(known ? `✘ ${error.message}` : error);
  process.exit(1);
});

async function main(): Promise<void> {
  const { shotDir, notebooks, jobs, site } = await readArgs();
  const chromiumPath = findChromium();
  await checkJupyterOrExplain();
  await mkdir(shotDir, { recursive: true });

  const results: Result[] = [];
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_ARGS });
    // The static site needs no Jupyter: its checks run while JupyterLab starts.
    const labStarting = startLab((started) => (lab = started));
    labStarting.catch(() => undefined); // awaited below; this only keeps it from being unhandled
    if (site) results.push(await checkStaticSite(browser, shotDir));
    const [opened, server] = [browser, await labStarting];
    lab = server;
    // One JupyterLab for every notebook; `jobs` notebooks at a time, each taking the next in line.
    const queue = [...notebooks];
    const runNext = async (): Promise<void> => {
      for (let file = queue.shift(); file; file = queue.shift()) {
        results.push(reportResult(await testNotebook(opened, server, file, shotDir)));
      }
    };
    await Promise.all(Array.from({ length: jobs }, runNext));
    results.sort((x, y) => x.name.localeCompare(y.name));
  } finally {
    await browser?.close();
    await stopLab(lab);
    lab = undefined;
  }
  printSummary(results);
  process.exitCode = results.every((r) => r.failures.length === 0) ? 0 : 1;
}

async function readArgs(): Promise<{
  shotDir: string;
  notebooks: string[];
  jobs: number;
  site: boolean;
}> {
  const args = process.argv.slice(2);
  if (args.includes("--help") || args.includes("-h")) {
    console.log(USAGE);
    process.exit(0);
  }
  let jobs = 1;
  const at = args.indexOf("--jobs");
  if (at >= 0) {
    const value = args[at + 1] ?? "";
    jobs = Number(value);
    if (!Number.isInteger(jobs) || jobs < 1) {
      throw new PrerequisiteError(`--jobs must be a whole number >= 1, got '${value}'.`);
    }
    args.splice(at, 2);
  }
  const flag = args.find((a) => a.startsWith("-"));
  if (flag) throw new PrerequisiteError(`Unknown option ${flag}.\n\n${USAGE}`);
  const [first, ...rest] = args;
  const firstIsNotebook = first?.endsWith(".ipynb");
  const shotDir = path.resolve(first && !firstIsNotebook ? first : "screenshots");
  const given = firstIsNotebook && first ? [first, ...rest] : rest;
  const notebooks = given.length ? given.map((p) => path.resolve(p)) : await courseNotebooks();
  const notebookDir = path.join(root, "notebooks");
  for (const file of notebooks) {
    if (!existsSync(file)) throw new PrerequisiteError(`Notebook not found: ${file}`);
    if (path.dirname(file) !== notebookDir) {
      throw new PrerequisiteError(
        `${file} is not in notebooks/: \`npm run lab\` serves only that folder.`,
      );
    }
  }
  if (!notebooks.length) throw new PrerequisiteError("No notebooks found in notebooks/.");
  return { shotDir, notebooks, jobs, site: given.length === 0 };
}

async function courseNotebooks(): Promise<string[]> {
  const dir = path.join(root, "notebooks");
  const names = (await readdir(dir)).filter((f) => f.endsWith(".ipynb") && !f.startsWith("_"));
  return names.sort().map((f) => path.join(dir, f));
}

/** Builds and checks the static site (npm run site); a build error is a failure, not a crash. */
async function checkStaticSite(browser: Browser, shotDir: string): Promise<Result> {
  const started = performance.now();
  const failures = await testSite(browser, shotDir).catch((error: unknown) => {
    console.log(`✘ site: ${(error as Error).message}`);
    return [`npm run site failed: ${(error as Error).message}`];
  });
  const seconds = (performance.now() - started) / 1000;
  return { name: "site (npm run site)", cells: 0, seconds, failures };
}

/** Opens one notebook, clears and re-runs it from the menus, judges the outputs, screenshots it. */
async function testNotebook(
  browser: Browser,
  server: Lab,
  file: string,
  shotDir: string,
): Promise<Result> {
  const name = path.basename(file);
  const source = JSON.parse(await readFile(file, "utf8")) as {
    cells: { cell_type: string; source: string | string[]; outputs?: unknown[] }[];
  };
  const storedPictures = source.cells
    .flatMap((c) => c.outputs ?? [])
    .map((o) => JSON.stringify(o).split('<img src=\\"data:image/svg+xml').length - 1)
    .reduce((a, b) => a + b, 0);
  const codeSources = source.cells
    .filter((c) => c.cell_type === "code")
    .map((c) => (Array.isArray(c.source) ? c.source.join("") : c.source));
  const result: Result = { name, cells: codeSources.length, seconds: 0, failures: [] };
  const started = performance.now();
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  // The test must never write a notebook: refuse every save, rename or checkpoint and report it.
  await page.route("**/api/contents/**", (route) => {
    const { method, url } = { method: route.request().method(), url: route.request().url() };
    if (method === "GET") return route.continue();
    // JupyterLab checkpoints a notebook when it opens it: answer without writing anything.
    if (method === "POST" && new URL(url).pathname.endsWith("/checkpoints")) {
      const checkpoint = { id: "checkpoint", last_modified: new Date().toISOString() };
      return route.fulfill({ status: 201, json: checkpoint });
    }
    result.failures.push(`JupyterLab tried to write ${name} (${method}); refused`);
    return route.abort();
  });
  try {
    await openNotebook(page, server, name, codeSources.length);
    // Stored outputs are untrusted on opening: every stored picture must still show.
    const shownOnOpening = await countPictures(page);
    if (shownOnOpening !== storedPictures) {
      result.failures.push(
        `on opening, ${shownOnOpening} of ${storedPictures} stored pictures were shown`,
      );
    }
    result.opened = `${shownOnOpening}/${storedPictures} pictures on opening`;
    await clearOutputs(page);
    await runAllCells(page);
    await waitForRun(page, codeSources.length);
    result.failures.push(...(await judgeOutputs(page, codeSources, drawsPictures(source))));
    if (name === WALKTHROUGH)
      result.failures.push(...(await walkThrough(page, source, codeSources)));
    // The course's Lab settings (written by npm run setup) turn JupyterLab's news prompt off.
    if (await page.getByText(/official Jupyter news/).count()) {
      result.failures.push("JupyterLab's 'official Jupyter news' prompt is showing");
    }
    await screenshot(page, path.join(shotDir, name.replace(/\.ipynb$/, ".png")));
  } catch (error) {
    result.failures.push((error as Error).message.split("\n")[0] ?? String(error));
    await screenshot(page, path.join(shotDir, name.replace(/\.ipynb$/, ".failed.png"))).catch(
      () => undefined,
    );
  } finally {
    // Close without saving (autosave is off), then stop the notebook's kernel.
    await context.close();
    await shutDownKernel(server, name);
    result.seconds = (performance.now() - started) / 1000;
  }
  return result;
}

/**
 * Types the solution of the notebook's first code exercise into its answer cell, runs it and its
 * check, and expects ✔ only; the stub's check must have said ✎ before.
 */
async function walkThrough(
  page: Parameters<typeof solveInUi>[0],
  source: { cells: { cell_type: string }[] },
  codeSources: string[],
): Promise<string[]> {
  const nb = source as unknown as Notebook;
  const codeIndex = (cell: number) =>
    nb.cells.slice(0, cell).filter((c) => c.cell_type === "code").length;
  const exercise = findExercises(nb).find(
    (ex) => ex.solution && ex.checkCells.some((i) => /checkCode\(/.test(text(nb.cells[i]!.source))),
  );
  const check = exercise?.checkCells.find((i) => /checkCode\(/.test(text(nb.cells[i]!.source)));
  if (!exercise?.solution || check === undefined) {
    return [`${WALKTHROUGH} has no code exercise to solve`];
  }
  const before = await page
    .locator(".jp-NotebookPanel .jp-CodeCell")
    .nth(codeIndex(check))
    .locator(".jp-OutputArea")
    .innerText();
  const after = await solveInUi(
    page,
    codeIndex(exercise.cell),
    codeIndex(check),
    exercise.solution,
    codeSources.length,
  );
  const failures: string[] = [];
  if (!before.trim().startsWith("✎")) {
    failures.push(`exercise ${exercise.name} as shipped: its check said '${before.trim()}'`);
  }
  const marks = after.split("\n").filter((l) => /^[✔✘✎]/.test(l));
  if (!marks.length || marks.some((l) => !l.startsWith("✔"))) {
    failures.push(
      `exercise ${exercise.name}, solution typed in: its check said '${after.slice(0, 200)}'`,
    );
  } else {
    console.log(`  typed the solution of exercise ${exercise.name} in the UI: ${marks.at(-1)}`);
  }
  return failures;
}

/** Whether a code cell before `## Exercises` calls `.show()` (exercise checks draw once answered). */
function drawsPictures(source: { cells: { cell_type: string; source: string | string[] }[] }) {
  const nb = source as unknown as Notebook;
  const end = exercisesStart(nb);
  return nb.cells
    .slice(0, end < 0 ? undefined : end)
    .some((c) => c.cell_type === "code" && text(c.source).includes(".show()"));
}

function reportResult(r: Result): Result {
  const mark = r.failures.length ? "✘" : "✔";
  const opened = r.opened ? `  ${r.opened}` : "";
  console.log(`${mark} ${r.name}  ${r.cells} cells${opened}  ${r.seconds.toFixed(1)} s`);
  return r;
}

function printSummary(results: Result[]): void {
  const failed = results.filter((r) => r.failures.length);
  for (const r of failed) {
    console.log(`\n✘ ${r.name}:`);
    for (const f of r.failures) console.log(`    ${f}`);
  }
  console.log(`browser: ${results.length - failed.length} passed, ${failed.length} failed`);
}
