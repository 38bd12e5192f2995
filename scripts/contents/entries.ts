// The course's contents: each numbered notebook's title and description, as a README list and
// as the index notebook.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { sittingMinutes } from "../sitting.ts";
import { parseNotebook, sourceText, type Notebook } from "./notebook-file.ts";

export const START_MARKER = "<!-- contents:start -->";
export const END_MARKER = "<!-- contents:end -->";
export const INDEX_NAME = "00-index.ipynb";

/** One numbered notebook as the contents list shows it. */
export interface Entry {
  file: string;
  number: number;
  /** The H1 text, e.g. "3. Tasks run side by side". */
  title: string;
  /** The title without its "N. " prefix. */
  name: string;
  description: string;
  /** A learner's time by the course's formula (prose words / 200 + code cells / 3 + 5 per exercise). */
  minutes: number;
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
    minutes: sittingMinutes(nb).minutes,
  };
}

/** The first run of non-empty lines, joined into one line. */
export function firstParagraph(lines: string[]): string {
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
 * A numbered markdown list of links with minutes and descriptions. Markdown numbers a list by
 * position whatever digits it is given, so the items count 1, 2, 3... (the same as the notebooks
 * once none is missing).
 */
export function formatList(entries: readonly Entry[], folder: string): string {
  return entries
    .map((e, i) => {
      const about = ` (about ${e.minutes} min)`;
      return `${i + 1}. [${e.name}](${folder}${e.file})${about}${e.description ? ` — ${e.description}` : ""}`;
    })
    .join("\n");
}
