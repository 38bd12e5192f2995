// Drive a notebook in JupyterLab's page: open it, clear and run it from the menus, judge the
// outputs on screen, and take a screenshot.
/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import type { Page } from "playwright-core";
import { sleep, type Lab } from "./lab.ts";

const NOTEBOOK_SECONDS = 240;
/** What a failed cell, a type error or a hidden rejection writes to stderr; a console.error warning passes. */
const STDERR_FAILURE = /Error:|UnhandledPromiseRejection:|UncaughtException:|^\d+:\d+ - /m;

/** Waits until every code cell is rendered and the notebook's kernel is idle. */
export async function openNotebook(page: Page, server: Lab, name: string, codeCells: number) {
  // A fresh workspace per notebook, so tabs opened earlier never pile up in this one.
  const workspace = `t-${name.replace(/[^a-z0-9]+/gi, "-")}`;
  const file = encodeURIComponent(name);
  await page.goto(
    `${server.url}/lab/workspaces/${workspace}/tree/${file}?reset&token=${server.token}`,
  );
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

export async function clearOutputs(page: Page): Promise<void> {
  await chooseMenu(page, "Edit", "Clear Outputs of All Cells");
  const left = await page.locator(".jp-NotebookPanel .jp-OutputArea-output").count();
  if (left) throw new Error(`${left} outputs were still shown after Clear Outputs of All Cells`);
}

export async function runAllCells(page: Page): Promise<void> {
  await chooseMenu(page, "Run", "Run All Cells");
}

export async function chooseMenu(page: Page, menu: string, item: string): Promise<void> {
  await page.locator(".jp-NotebookPanel .jp-Notebook").click({ position: { x: 5, y: 5 } });
  await page.locator(".lm-MenuBar-itemLabel", { hasText: new RegExp(`^${menu}$`) }).click();
  await page
    .locator(".lm-Menu-content .lm-Menu-itemLabel", { hasText: new RegExp(`^${item}$`) })
    .click();
  await page.keyboard.press("Escape");
  await sleep(300);
}

/** Waits until no cell is queued or running and the kernel has been idle for a moment. */
export async function waitForRun(page: Page, codeCells: number): Promise<void> {
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

export function isCounted(prompt: string): boolean {
  return /\[\d+\]/.test(prompt);
}

/**
 * Judges a run's outputs on screen: every code cell counted, no failure on stderr, and a picture
 * somewhere when `drawsPictures` (the notebook calls `.show()` outside its exercises, whose checks
 * draw only once answered).
 */
export async function judgeOutputs(
  page: Page,
  codeSources: string[],
  drawsPictures: boolean,
): Promise<string[]> {
  const cells = await page.evaluate(() =>
    [...document.querySelectorAll(".jp-NotebookPanel .jp-CodeCell")].map((cell) => ({
      prompt: cell.querySelector(".jp-InputPrompt")?.textContent ?? "",
      stderr: [
        ...cell.querySelectorAll(
          '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"], .jp-OutputArea-output[data-mime-type="application/vnd.jupyter.error"]',
        ),
      ].map((o) => (o as HTMLElement).innerText),
      // Pictures are sent as <img src="data:image/svg+xml;base64,..."> so that they survive sanitizing.
      pictures: cell.querySelectorAll('.jp-OutputArea-output img[src^="data:image/svg+xml"]')
        .length,
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
  const pictures = cells.reduce((n, c) => n + c.pictures, 0);
  if (drawsPictures && pictures === 0) {
    failures.push("the notebook calls .show() but no picture was shown");
  }
  return failures;
}

/** Counts the pictures shown on screen: `<img>` elements holding an SVG data URI. */
export async function countPictures(page: Page): Promise<number> {
  return page
    .locator('.jp-NotebookPanel .jp-OutputArea-output img[src^="data:image/svg+xml"]')
    .count();
}

export function firstLine(text: string): string {
  const line = text.trim().split("\n")[0] ?? "";
  return line.length > 80 ? `${line.slice(0, 77)}...` : line;
}

/** A screenshot of the whole notebook: the window is made as tall as the notebook first. */
export async function screenshot(page: Page, file: string): Promise<void> {
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

/**
 * Does what a reader does with a code exercise: clicks into the answer cell, replaces the stub by
 * `solution` as typed text, runs it with Shift+Enter, runs the check cell the same way, and
 * returns the check's output text. Cell numbers count code cells only, from 0.
 */
export async function solveInUi(
  page: Page,
  answerCell: number,
  checkCell: number,
  solution: string,
  codeCells: number,
): Promise<string> {
  const cells = page.locator(".jp-NotebookPanel .jp-CodeCell");
  for (const [index, typed] of [
    [answerCell, solution],
    [checkCell, undefined],
  ] as const) {
    const editor = cells.nth(index).locator(".cm-content");
    await editor.scrollIntoViewIfNeeded();
    await editor.click();
    if (typed !== undefined) {
      await page.keyboard.press("ControlOrMeta+A");
      // One input event for the whole text: CodeMirror neither re-indents it nor closes brackets.
      await page.keyboard.insertText(typed);
    }
    await page.keyboard.press("Shift+Enter");
    await sleep(500); // the prompt turns to [*] as soon as the request is queued
    await waitForRun(page, codeCells);
  }
  return (await cells.nth(checkCell).locator(".jp-OutputArea").innerText()).trim();
}
