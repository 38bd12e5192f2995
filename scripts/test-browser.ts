// Run every notebook in JupyterLab in headless Chromium, as readers do, and screenshot each one.
/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { accessSync, constants, existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { checkJupyter, root, SetupError } from "./jupyter-env.ts";

const USAGE = `Usage: npm run test:browser -- [screenshot dir] [notebooks...]

Starts the course with \`npm run lab\`, opens each notebook (default: notebooks/*.ipynb) in headless
Chromium, clears its outputs, runs all cells from the Run menu at ASYNC_TS_TIME_SCALE=0.05, checks
the fresh outputs, and saves a full-page screenshot per notebook (default folder: ./screenshots).
Notebooks are never saved.`;

const TIME_SCALE = "0.05";
const SERVER_START_SECONDS = 180;
const NOTEBOOK_SECONDS = 240;
/** What a failed cell, a type error or a hidden rejection writes to stderr; a console.error warning passes. */
const STDERR_FAILURE = /Error:|UnhandledPromiseRejection:|UncaughtException:|^\d+:\d+ - /m;
const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

class PrerequisiteError extends Error {}

interface Lab {
  url: string;
  token: string;
  process: ChildProcess;
  log: string[];
  settingsDir: string;
}

interface Result {
  name: string;
  cells: number;
  seconds: number;
  failures: string[];
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
  const { shotDir, notebooks } = await readArgs();
  const chromiumPath = findChromium();
  await checkJupyterOrExplain();
  await mkdir(shotDir, { recursive: true });

  const results: Result[] = [];
  let browser: Browser | undefined;
  try {
    lab = await startLab();
    browser = await chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_ARGS });
    for (const file of notebooks) {
      results.push(reportResult(await testNotebook(browser, lab, file, shotDir)));
    }
  } finally {
    await browser?.close();
    await stopLab(lab);
    lab = undefined;
  }
  printSummary(results);
  process.exitCode = results.every((r) => r.failures.length === 0) ? 0 : 1;
}

async function readArgs(): Promise<{ shotDir: string; notebooks: string[] }> {
  const args = process.argv.slice(2);
  if (args.includes("--help") || args.includes("-h")) {
    console.log(USAGE);
    process.exit(0);
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
  return { shotDir, notebooks };
}

async function courseNotebooks(): Promise<string[]> {
  const dir = path.join(root, "notebooks");
  const names = (await readdir(dir)).filter((f) => f.endsWith(".ipynb") && !f.startsWith("_"));
  return names.sort().map((f) => path.join(dir, f));
}

/** The Chromium to drive: $CHROMIUM_PATH, else chromium on PATH. Never a downloaded browser. */
function findChromium(): string {
  const candidates = process.env.CHROMIUM_PATH
    ? [process.env.CHROMIUM_PATH]
    : (process.env.PATH ?? "")
        .split(path.delimiter)
        .flatMap((dir) => ["chromium", "chromium-browser"].map((name) => path.join(dir, name)));
  for (const candidate of candidates) {
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // try the next one
    }
  }
  throw new PrerequisiteError(
    "Chromium not found on PATH: install it (Debian: apt-get install chromium), or set CHROMIUM_PATH.",
  );
}

async function checkJupyterOrExplain(): Promise<void> {
  try {
    await checkJupyter(["jupyterlab"]);
  } catch (error) {
    if (error instanceof SetupError) {
      throw new PrerequisiteError(`JupyterLab is not ready: ${error.message}`);
    }
    throw error;
  }
}

/** Starts `npm run lab` on a free port with a random token, autosave off and every cell rendered. */
async function startLab(): Promise<Lab> {
  const port = await freePort();
  const token = randomBytes(24).toString("hex");
  const tmp = await mkdtemp(path.join(os.tmpdir(), "test-browser-"));
  const settingsDir = path.join(tmp, "settings");
  await writeLabSettings(settingsDir);
  const args = [
    "tsx",
    "scripts/lab.ts",
    "--no-browser",
    `--port=${port}`,
    "--ip=127.0.0.1",
    `--ServerApp.token=${token}`,
    "--LabApp.news_url=None",
    "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
  ];
  const env = {
    ...process.env,
    ASYNC_TS_TIME_SCALE: TIME_SCALE,
    JUPYTERLAB_SETTINGS_DIR: settingsDir,
    JUPYTERLAB_WORKSPACES_DIR: path.join(tmp, "workspaces"),
    PYTHONWARNINGS: "ignore",
  };
  // Its own process group, so that stopping it also stops npx, tsx and Jupyter.
  const child = spawn("npx", args, { cwd: root, env, detached: true, stdio: "pipe" });
  const log: string[] = [];
  const keep = (chunk: Buffer) => log.push(...chunk.toString().split("\n").filter(Boolean));
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  const started: Lab = { url: `http://127.0.0.1:${port}`, token, process: child, log, settingsDir };
  lab = started;
  await waitForServer(started);
  return started;
}

/** User settings win over JupyterLab's defaults: never autosave, render every cell (no windowing). */
async function writeLabSettings(dir: string): Promise<void> {
  const settings = {
    "@jupyterlab/docmanager-extension/plugin": { autosave: false },
    "@jupyterlab/notebook-extension/tracker": { windowingMode: "none" },
    "@jupyterlab/apputils-extension/notification": {
      checkForUpdates: false,
      fetchNews: "false",
    },
  };
  for (const [plugin, values] of Object.entries(settings)) {
    const file = path.join(dir, `${plugin}.jupyterlab-settings`);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, JSON.stringify(values, null, 2));
  }
}

async function waitForServer(server: Lab): Promise<void> {
  const deadline = Date.now() + SERVER_START_SECONDS * 1000;
  while (Date.now() < deadline) {
    if (server.process.exitCode !== null || server.process.signalCode !== null) {
      throw new PrerequisiteError(
        `npm run lab exited before JupyterLab answered:\n  ${server.log.slice(-10).join("\n  ")}`,
      );
    }
    const status = await api(server, "/api/status").catch(() => undefined);
    if (status?.ok) return;
    await sleep(500);
  }
  throw new PrerequisiteError(
    `JupyterLab did not answer within ${SERVER_START_SECONDS} s:\n  ${server.log.slice(-10).join("\n  ")}`,
  );
}

/** Stops Jupyter and everything `npm run lab` started: SIGTERM to the group, then SIGKILL. */
async function stopLab(server: Lab | undefined): Promise<void> {
  if (!server?.process.pid) return;
  const child = server.process;
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((resolve) => child.once("exit", resolve));
    signalGroup(child.pid!, "SIGTERM");
    const done = await Promise.race([exited.then(() => true), sleep(15_000).then(() => false)]);
    if (!done) signalGroup(child.pid!, "SIGKILL");
  }
  // Whatever is left of the group (a slow kernel) goes too.
  signalGroup(child.pid!, "SIGKILL");
  await rm(path.dirname(server.settingsDir), { recursive: true, force: true });
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
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
    cells: { cell_type: string; source: string | string[] }[];
  };
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
    await clearOutputs(page);
    await runAllCells(page);
    await waitForRun(page, codeSources.length);
    result.failures.push(...(await judgeOutputs(page, codeSources)));
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

/** Waits until every code cell is rendered and the notebook's kernel is idle. */
async function openNotebook(page: Page, server: Lab, name: string, codeCells: number) {
  await page.goto(`${server.url}/lab/tree/${encodeURIComponent(name)}?reset&token=${server.token}`);
  const deadline = Date.now() + 120_000;
  let state = { rendered: 0, kernel: "" };
  while (Date.now() < deadline) {
    state = await page.evaluate(() => ({
      rendered: document.querySelectorAll(".jp-NotebookPanel .jp-CodeCell").length,
      kernel:
        document
          .querySelector(".jp-NotebookPanel .jp-Notebook-ExecutionIndicator")
          ?.getAttribute("data-status") ?? "",
    }));
    const statusBar = await page
      .locator("#jp-main-statusbar")
      .innerText()
      .catch(() => "");
    if (state.rendered === codeCells && state.kernel === "idle" && /\| Idle/.test(statusBar)) {
      return;
    }
    await sleep(250);
  }
  throw new Error(
    state.rendered === codeCells
      ? `the kernel was not idle within 120 s of opening the notebook (status: ${state.kernel || "none"})`
      : `JupyterLab rendered ${state.rendered} of ${codeCells} code cells (is windowingMode "none" applied?)`,
  );
}

async function clearOutputs(page: Page): Promise<void> {
  await chooseMenu(page, "Edit", "Clear Outputs of All Cells");
  const left = await page.locator(".jp-NotebookPanel .jp-OutputArea-output").count();
  if (left) throw new Error(`${left} outputs were still shown after Clear Outputs of All Cells`);
}

async function runAllCells(page: Page): Promise<void> {
  await chooseMenu(page, "Run", "Run All Cells");
}

async function chooseMenu(page: Page, menu: string, item: string): Promise<void> {
  await page.locator(".jp-NotebookPanel .jp-Notebook").click({ position: { x: 5, y: 5 } });
  await page.locator(".lm-MenuBar-itemLabel", { hasText: new RegExp(`^${menu}$`) }).click();
  await page
    .locator(".lm-Menu-content .lm-Menu-itemLabel", { hasText: new RegExp(`^${item}$`) })
    .click();
  await page.keyboard.press("Escape");
  await sleep(300);
}

/** Waits until no cell is queued or running and the kernel has been idle for a moment. */
async function waitForRun(page: Page, codeCells: number): Promise<void> {
  if (codeCells === 0) return; // a notebook of prose only, such as the index
  const deadline = Date.now() + NOTEBOOK_SECONDS * 1000;
  let idleSince: number | undefined;
  while (Date.now() < deadline) {
    const state = await page.evaluate(() => ({
      prompts: [...document.querySelectorAll(".jp-NotebookPanel .jp-CodeCell .jp-InputPrompt")].map(
        (p) => p.textContent ?? "",
      ),
      status:
        document
          .querySelector(".jp-NotebookPanel .jp-Notebook-ExecutionIndicator")
          ?.getAttribute("data-status") ?? "",
    }));
    const allCounted = state.prompts.length === codeCells && state.prompts.every(isCounted);
    const quiet = state.status === "idle" && !state.prompts.some((p) => p.includes("*"));
    if (quiet && state.prompts.some(isCounted)) {
      idleSince ??= Date.now();
      // A failed run stops early; give it two idle seconds to be sure nothing else is queued.
      if (allCounted || Date.now() - idleSince > 2000) {
        await sleep(1000); // let the last outputs render
        return;
      }
    } else {
      idleSince = undefined;
    }
    await sleep(250);
  }
  throw new Error(`the cells did not finish within ${NOTEBOOK_SECONDS} s`);
}

function isCounted(prompt: string): boolean {
  return /\[\d+\]/.test(prompt);
}

async function judgeOutputs(page: Page, codeSources: string[]): Promise<string[]> {
  const cells = await page.evaluate(() =>
    [...document.querySelectorAll(".jp-NotebookPanel .jp-CodeCell")].map((cell) => ({
      prompt: cell.querySelector(".jp-InputPrompt")?.textContent ?? "",
      stderr: [
        ...cell.querySelectorAll(
          '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"], .jp-OutputArea-output[data-mime-type="application/vnd.jupyter.error"]',
        ),
      ].map((o) => (o as HTMLElement).innerText),
      svgs: cell.querySelectorAll(".jp-OutputArea-output svg").length,
    })),
  );
  const failures: string[] = [];
  cells.forEach((cell, i) => {
    const where = `cell ${i + 1} (${firstLine(codeSources[i] ?? "")})`;
    if (!isCounted(cell.prompt)) {
      failures.push(`${where} has no execution count (${cell.prompt.trim() || "no prompt"})`);
    }
    const bad = cell.stderr.find((text) => STDERR_FAILURE.test(text));
    if (bad) {
      const line = bad.split("\n").find((l) => STDERR_FAILURE.test(l)) ?? bad;
      failures.push(`${where} printed to stderr: ${firstLine(line)}`);
    }
  });
  const shows = codeSources.some((src) => src.includes(".show()"));
  const svgs = cells.reduce((n, c) => n + c.svgs, 0);
  if (shows && svgs === 0) failures.push("the notebook calls .show() but no SVG was rendered");
  return failures;
}

function firstLine(text: string): string {
  const line = text.trim().split("\n")[0] ?? "";
  return line.length > 80 ? `${line.slice(0, 77)}...` : line;
}

/** A screenshot of the whole notebook: the window is made as tall as the notebook first. */
async function screenshot(page: Page, file: string): Promise<void> {
  const scroller = ".jp-NotebookPanel .jp-WindowedPanel-outer";
  const height = await page.evaluate(
    (sel) => document.querySelector(sel)?.scrollHeight ?? document.body.scrollHeight,
    scroller,
  );
  await page.setViewportSize({
    width: 1280,
    height: Math.min(Math.max(height + 200, 900), 30_000),
  });
  await sleep(500);
  await page.evaluate((sel) => document.querySelector(sel)?.scrollTo(0, 0), scroller);
  await sleep(300);
  await page.screenshot({ path: file, fullPage: true });
}

async function shutDownKernel(server: Lab, name: string): Promise<void> {
  const res = await api(server, "/api/sessions").catch(() => undefined);
  if (!res?.ok) return;
  const sessions = (await res.json()) as { id: string; path: string }[];
  for (const s of sessions.filter((s) => path.basename(s.path) === name)) {
    await api(server, `/api/sessions/${s.id}`, "DELETE").catch(() => undefined);
  }
}

function api(server: Lab, route: string, method = "GET"): Promise<Response> {
  return fetch(`${server.url}${route}`, {
    method,
    headers: { Authorization: `token ${server.token}` },
    signal: AbortSignal.timeout(10_000),
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

function reportResult(r: Result): Result {
  const mark = r.failures.length ? "✘" : "✔";
  console.log(`${mark} ${r.name}  ${r.cells} cells  ${r.seconds.toFixed(1)} s`);
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

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
