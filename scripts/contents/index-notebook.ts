// The index notebook (notebooks/00-index.ipynb): what to install, how to start, the contents with
// each notebook's minutes and the total, and where each section of the Python guide is taught.
import type { Entry } from "./entries.ts";
import { formatList } from "./entries.ts";
import { GUIDE_SECTIONS, type GuideSection } from "./guide-sections.ts";
import { markdownCell, type Notebook } from "./notebook-file.ts";

const START = [
  "## Before you start",
  "",
  "You need **Node.js 22, 24 or 26** and **Python 3.9 or newer with its `venv` module** (Debian/Ubuntu: `sudo apt-get install python3-venv`). Then, in the course's folder:",
  "",
  "```sh",
  "npm install   # the packages, the course lib, and .venv with JupyterLab and the tslab kernel",
  "npm run lab   # opens JupyterLab on these notebooks",
  "npm test      # checks everything: lint, types, unit tests, every notebook end to end",
  "```",
].join("\n");

const HOW = [
  "## How to use these notebooks",
  "",
  "- Read them in order: each one builds on the ones before it.",
  "- Run the cells from top to bottom with Shift+Enter; every time or speed claim is measured in your own kernel.",
  "- Each notebook ends with a summary, exercises whose answers a cell checks, and further reading.",
  "- Simulated waits follow `ASYNC_TS_TIME_SCALE` (default 1, the guide's real seconds); the tests run them at 0.05.",
  "- Restart the kernel (Kernel → Restart) before running a notebook again from the top: names declared in one cell stay defined.",
  "- Every notebook links back here, and to its neighbours, at its top and bottom.",
].join("\n");

/**
 * Builds the markdown-only index notebook.
 * @param entries The course notebooks on disk, in order, with their minutes.
 * @param sections The guide's sections and the notebooks that teach them.
 * @returns The notebook, ready to serialize.
 */
export function buildIndex(
  entries: readonly Entry[],
  sections: readonly GuideSection[] = GUIDE_SECTIONS,
): Notebook {
  const total = entries.reduce((sum, e) => sum + e.minutes, 0);
  const contents = [
    "## Contents",
    "",
    `${entries.length} notebook${entries.length === 1 ? "" : "s"}, about ${total} minutes in all: each is one sitting, timed as prose words / 200 + code cells / 3 + 5 minutes per exercise.`,
    "",
    formatList(entries, ""),
  ].join("\n");
  const cells = [
    markdownCell(
      "index-title",
      "# Async TypeScript: contents\n\nAsynchronous programming on Node.js, taught in TypeScript notebooks where every claim is measured live.",
    ),
    markdownCell("index-start", START),
    markdownCell("index-how", HOW),
    markdownCell("index-contents", contents),
  ];
  const guide = guideMap(entries, sections);
  if (guide) cells.push(markdownCell("index-guide", guide));
  return {
    cells,
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

/**
 * The guide's sections, each with links to the notebooks that teach it. Notebooks not on disk are
 * left out, and so is a section with none left; with no section left, there is no map.
 */
export function guideMap(
  entries: readonly Entry[],
  sections: readonly GuideSection[],
): string | undefined {
  const byFile = new Map(entries.map((e) => [e.file, e]));
  const rows = sections.flatMap(({ section, notebooks }) => {
    const links = notebooks.flatMap((file) => {
      const entry = byFile.get(file);
      return entry ? [`[${entry.title}](${entry.file})`] : [];
    });
    return links.length ? [`- **${section}**: ${links.join(", ")}`] : [];
  });
  if (rows.length === 0) return undefined;
  return [
    "## Coming from the Python asyncio guide",
    "",
    "Each section of the guide, and the notebooks that teach it in TypeScript:",
    "",
    ...rows,
  ].join("\n");
}
