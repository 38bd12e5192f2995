// Generate the course contents (README list, notebooks/00-index.ipynb) and each notebook's navigation links.
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import * as prettier from "prettier";
import { INDEX_NAME, readEntries, rewriteReadme } from "./contents/entries.ts";
import { buildIndex } from "./contents/index-notebook.ts";
import { placeNavigation } from "./contents/navigation.ts";
import { sittingMinutes } from "./sitting.ts";
import {
  parseNotebook,
  sameCells,
  sameNotebook,
  serialize,
  writeAtomically,
} from "./contents/notebook-file.ts";

export { END_MARKER, INDEX_NAME, START_MARKER, type Entry } from "./contents/entries.ts";

const USAGE = `Usage: npm run contents [-- --check] [--root DIR]

Reads the title (first H1 of the first markdown cell), description and minutes (prose words / 200 +
code cells / 3 + 5 per exercise) of every notebooks/NN-*.ipynb, then
  - rewrites the README.md section between <!-- contents:start --> and <!-- contents:end -->,
  - writes notebooks/00-index.ipynb (prerequisites, how to start, contents with the total time, and
    the guide's sections mapped to notebooks from scripts/contents/guide-sections.ts),
  - puts navigation links in each numbered notebook (second cell and last cell), replacing old ones.
  --check      change nothing; exit 1 and list what is stale
  --root DIR   the course checkout (default: this script's checkout)
  --help       show this text`;

const FIX = "run npm run contents";

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
  const found = await readEntries(notebooksDir);
  // Navigation first: the minutes shown are those of each notebook as it will be stored.
  const notebooks = await Promise.all(
    found.map(async (entry, i) => {
      const file = path.join("notebooks", entry.file);
      const text = await readFile(path.join(root, file), "utf8");
      const nb = parseNotebook(text, file);
      return { file, text, nb, wanted: placeNavigation(nb, found[i - 1], found[i + 1]) };
    }),
  );
  const entries = found.map((e, i) => ({
    ...e,
    minutes: sittingMinutes(notebooks[i]!.wanted).minutes,
  }));
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

  for (const { file, text, nb, wanted } of notebooks) {
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

/** Formats markdown as `npm run lint` expects it (Prettier, with the project's settings). */
async function formatMarkdown(text: string, filepath: string): Promise<string> {
  const config = (await prettier.resolveConfig(filepath)) ?? {};
  return prettier.format(text, { ...config, filepath });
}
