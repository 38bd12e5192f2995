// Generate the course contents (README list, notebooks/00-index.ipynb) and each notebook's navigation links.
import { existsSync } from "node:fs";
import { readdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import * as prettier from "prettier";

const USAGE = `Usage: npm run contents [-- --check] [--root DIR]

Reads the title (first H1 of the first markdown cell) and description of every notebooks/NN-*.ipynb, then
  - rewrites the README.md section between <!-- contents:start --> and <!-- contents:end -->,
  - writes notebooks/00-index.ipynb,
  - puts navigation links in each numbered notebook (second cell and last cell), replacing old ones.
  --check      change nothing; exit 1 and list what is stale
  --root DIR   the course checkout (default: this script's checkout)
  --help       show this text`;

export const START_MARKER = "<!-- contents:start -->";
export const END_MARKER = "<!-- contents:end -->";
export const INDEX_NAME = "00-index.ipynb";
const NAV_TAG = "navigation";
const NAV_IDS = { top: "nav-top", bottom: "nav-bottom" } as const;
const FIX = "run npm run contents";

/** The parts of an nbformat 4 notebook this script reads or writes. */
interface Cell {
  cell_type: string;
  id?: string;
  metadata: { tags?: string[]; [key: string]: unknown };
  source: string | string[];
  [key: string]: unknown;
}
interface Notebook {
  cells: Cell[];
  metadata: Record<string, unknown>;
  nbformat: number;
  nbformat_minor: number;
}

/** One numbered notebook as the contents list shows it. */
export interface Entry {
  file: string;
  number: number;
  /** The H1 text, e.g. "3. Tasks run side by side". */
  title: string;
  /** The title without its "N. " prefix. */
  name: string;
  description: string;
}

/** What one run found or did; paths are relative to the root. */
export interface ContentsResult {
  stale: string[];
  written: string[];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await main();

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      check: { type: "boolean", default: false },
      root: { type: "string" },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) return console.log(USAGE);
  const root = path.resolve(values.root ?? path.join(import.meta.dirname, ".."));
  try {
    const result = await buildContents({ root, check: values.check });
    if (values.check) {
      for (const line of result.stale) console.error(line);
      if (result.stale.length > 0) process.exitCode = 1;
      else console.log("contents and navigation are up to date");
    } else {
      for (const file of result.written) console.log(`wrote ${file}`);
      if (result.written.length === 0)
        console.log("contents and navigation were already up to date");
    }
  } catch (error) {
    console.error((error as Error).message);
    process.exitCode = 2;
  }
}

/**
 * Brings the README contents, the index notebook and every notebook's navigation up to date.
 * @param options `root`: the checkout; `check`: only report what is stale, write nothing.
 * @returns The stale items (in check mode) and the files written (otherwise).
 * @throws {Error} When the README has no contents markers, or a notebook has no title.
 */
export async function buildContents(options: {
  root: string;
  check?: boolean;
}): Promise<ContentsResult> {
  const { root, check = false } = options;
  const notebooksDir = path.join(root, "notebooks");
  const entries = await readEntries(notebooksDir);
  const result: ContentsResult = { stale: [], written: [] };
  const update = async (
    file: string,
    current: string | undefined,
    wanted: string,
    stale: string,
  ) => {
    if (current === wanted) return;
    if (check) result.stale.push(stale);
    else {
      await writeAtomically(path.join(root, file), wanted);
      result.written.push(file);
    }
  };

  const readmePath = path.join(root, "README.md");
  const readme = await readFile(readmePath, "utf8");
  await update(
    "README.md",
    readme,
    await formatMarkdown(rewriteReadme(readme, entries), readmePath),
    `README contents are stale: ${FIX}`,
  );

  const indexFile = path.join("notebooks", INDEX_NAME);
  const indexPath = path.join(root, indexFile);
  const currentIndex = existsSync(indexPath) ? await readFile(indexPath, "utf8") : undefined;
  const wantedIndex = serialize(buildIndex(entries));
  const sameIndex = currentIndex !== undefined && sameNotebook(currentIndex, wantedIndex);
  await update(
    indexFile,
    sameIndex ? wantedIndex : currentIndex,
    wantedIndex,
    `${indexFile} is ${currentIndex === undefined ? "missing" : "stale"}: ${FIX}`,
  );

  for (const [i, entry] of entries.entries()) {
    const file = path.join("notebooks", entry.file);
    const text = await readFile(path.join(root, file), "utf8");
    const nb = parseNotebook(text, file);
    const wanted = placeNavigation(nb, entries[i - 1], entries[i + 1]);
    const changed = !sameCells(nb.cells, wanted.cells);
    await update(
      file,
      changed ? text : serialize(wanted),
      serialize(wanted),
      `${file} navigation is stale: ${FIX}`,
    );
  }
  return result;
}

/** Reads the title and description of every numbered notebook, in number order. */
export async function readEntries(notebooksDir: string): Promise<Entry[]> {
  const files = (await readdir(notebooksDir))
    .filter((name) => /^\d{2}-.+\.ipynb$/.test(name) && name !== INDEX_NAME)
    .sort();
  const entries: Entry[] = [];
  for (const file of files) {
    const nb = parseNotebook(await readFile(path.join(notebooksDir, file), "utf8"), file);
    entries.push(describeNotebook(nb, file));
  }
  return entries;
}

/** Finds a notebook's title (first H1 of its first markdown cell) and one-line description. */
export function describeNotebook(nb: Notebook, file: string): Entry {
  const first = nb.cells.find((cell) => cell.cell_type === "markdown");
  const lines = first === undefined ? [] : sourceText(first).split("\n");
  const h1 = lines.findIndex((line) => /^#\s+\S/.test(line));
  if (h1 === -1) {
    throw new Error(
      `Cannot build contents: ${file} has no "# N. Title" in its first markdown cell`,
    );
  }
  const title = lines[h1]!.replace(/^#\s+/, "").trim();
  const meta = (nb.metadata.async_ts as { description?: unknown } | undefined)?.description;
  const description =
    typeof meta === "string" && meta.trim() !== ""
      ? meta.trim()
      : firstParagraph(lines.slice(h1 + 1));
  return {
    file,
    number: Number(file.slice(0, 2)),
    title,
    name: title.replace(/^\d+\.\s*/, ""),
    description,
  };
}

/** The first run of non-empty lines, joined into one line. */
function firstParagraph(lines: string[]): string {
  const start = lines.findIndex((line) => line.trim() !== "");
  if (start === -1) return "";
  const end = lines.findIndex((line, i) => i > start && line.trim() === "");
  return lines
    .slice(start, end === -1 ? undefined : end)
    .map((line) => line.trim())
    .join(" ");
}

/** Replaces the README's contents section with a numbered list of links and descriptions. */
export function rewriteReadme(readme: string, entries: readonly Entry[]): string {
  const start = readme.indexOf(START_MARKER);
  const end = readme.indexOf(END_MARKER);
  if (start === -1 || end === -1 || end < start) {
    throw new Error(
      `Cannot build contents: README.md needs ${START_MARKER} and then ${END_MARKER} around the contents`,
    );
  }
  const list = formatList(entries, "notebooks/");
  return `${readme.slice(0, start)}${START_MARKER}\n\n${list}\n\n${readme.slice(end)}`;
}

/**
 * A numbered markdown list of links with descriptions. Markdown numbers a list by position whatever
 * digits it is given, so the items count 1, 2, 3... (the same as the notebooks once none is missing).
 */
function formatList(entries: readonly Entry[], folder: string): string {
  return entries
    .map(
      (e, i) =>
        `${i + 1}. [${e.name}](${folder}${e.file})${e.description ? ` — ${e.description}` : ""}`,
    )
    .join("\n");
}

/** Formats markdown as `npm run lint` expects it (Prettier, with the project's settings). */
async function formatMarkdown(text: string, filepath: string): Promise<string> {
  const config = (await prettier.resolveConfig(filepath)) ?? {};
  return prettier.format(text, { ...config, filepath });
}

/** Builds the markdown-only index notebook. */
export function buildIndex(entries: readonly Entry[]): Notebook {
  const contents = formatList(entries, "");
  const how = [
    "## How to use these notebooks",
    "",
    "- Read them in order: each one builds on the ones before it.",
    "- Run the cells from top to bottom with Shift+Enter; every time or speed claim is measured in your own kernel.",
    "- Each notebook ends with a summary, exercises whose answers a cell checks, and further reading.",
    "- Simulated waits follow `ASYNC_TS_TIME_SCALE` (default 1, the guide's real seconds); the tests run them at 0.05.",
    "- Restart the kernel (Kernel → Restart) before running a notebook again from the top: names declared in one cell stay defined.",
    "- Every notebook links back here, and to its neighbours, at its top and bottom.",
  ].join("\n");
  return {
    cells: [
      markdownCell(
        "index-title",
        "# Async TypeScript: contents\n\nAsynchronous programming on Node.js, taught in TypeScript notebooks where every claim is measured live.",
      ),
      markdownCell("index-how", how),
      markdownCell("index-contents", `## Contents\n\n${contents}`),
    ],
    metadata: {
      kernelspec: { display_name: "TypeScript", language: "typescript", name: "tslab" },
      language_info: {
        codemirror_mode: { mode: "typescript", name: "javascript", typescript: true },
        file_extension: ".ts",
        mimetype: "text/typescript",
        name: "typescript",
        version: "3.7.2",
      },
    },
    nbformat: 4,
    nbformat_minor: 5,
  };
}

/** Returns a copy of the notebook with its navigation cells (second and last) rebuilt. */
export function placeNavigation(
  nb: Notebook,
  previous: Entry | undefined,
  next: Entry | undefined,
): Notebook {
  const links = [
    previous === undefined ? undefined : `← [${previous.title}](${previous.file})`,
    `[Contents](${INDEX_NAME})`,
    next === undefined ? undefined : `[${next.title}](${next.file}) →`,
  ].filter((link) => link !== undefined);
  const text = links.join(" · ");
  const cells = nb.cells.filter((cell) => !isNavigation(cell));
  const top = navigationCell(NAV_IDS.top, text);
  const bottom = navigationCell(NAV_IDS.bottom, text);
  return { ...nb, cells: [...cells.slice(0, 1), top, ...cells.slice(1), bottom] };
}

function isNavigation(cell: Cell): boolean {
  return (
    cell.id === NAV_IDS.top ||
    cell.id === NAV_IDS.bottom ||
    (cell.metadata?.tags ?? []).includes(NAV_TAG)
  );
}

function navigationCell(id: string, text: string): Cell {
  return { cell_type: "markdown", id, metadata: { tags: [NAV_TAG] }, source: splitLines(text) };
}

function markdownCell(id: string, text: string): Cell {
  return { cell_type: "markdown", id, metadata: {}, source: splitLines(text) };
}

/** Splits text into nbformat's source lines: every line but the last keeps its "\n". */
function splitLines(text: string): string[] {
  return text.split(/(?<=\n)/);
}

function sourceText(cell: Cell): string {
  return Array.isArray(cell.source) ? cell.source.join("") : cell.source;
}

function parseNotebook(text: string, file: string): Notebook {
  let nb: Notebook;
  try {
    nb = JSON.parse(text) as Notebook;
  } catch (error) {
    throw new Error(`Cannot build contents: ${file} is not JSON (${(error as Error).message})`, {
      cause: error,
    });
  }
  if (nb?.nbformat !== 4 || !Array.isArray(nb.cells)) {
    throw new Error(`Cannot build contents: ${file} is not an nbformat 4 notebook`);
  }
  return nb;
}

/** Cells compared by meaning: the same content whether `source` is a string or a list of lines. */
function sameCells(a: readonly Cell[], b: readonly Cell[]): boolean {
  const normal = (cells: readonly Cell[]) =>
    JSON.stringify(cells.map((cell) => ({ ...cell, source: sourceText(cell) })));
  return normal(a) === normal(b);
}

function sameNotebook(a: string, b: string): boolean {
  try {
    const [x, y] = [JSON.parse(a) as Notebook, JSON.parse(b) as Notebook];
    return (
      sameCells(x.cells, y.cells) &&
      JSON.stringify(x.metadata) === JSON.stringify(y.metadata) &&
      x.nbformat === y.nbformat &&
      x.nbformat_minor === y.nbformat_minor
    );
  } catch {
    return false;
  }
}

/** nbformat's own layout: one-space indent and a trailing newline. */
function serialize(nb: Notebook): string {
  return JSON.stringify(nb, null, 1) + "\n";
}

/** Writes through a temporary file and a rename, so a reader never sees half a file. */
async function writeAtomically(file: string, text: string): Promise<void> {
  const tmp = `${file}.tmp-${process.pid}`;
  await writeFile(tmp, text);
  await rename(tmp, file);
}
