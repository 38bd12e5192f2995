// Builds the static site from the notebooks as stored: pages, downloads, assets and search index.
import { copyFile, mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describeNotebook, INDEX_NAME } from "../contents/entries.ts";
import { GUIDE_SECTIONS } from "../contents/guide-sections.ts";
import { parseNotebook, type Notebook } from "../contents/notebook-file.ts";
import {
  DOWNLOAD_DIR,
  indexPage,
  notebookPage,
  plainTitle,
  searchPage,
  type PageInfo,
} from "./layout.ts";
import { renderNotebook, sittingMinutes } from "./notebook-page.ts";
import { searchDocuments, searchIndexScript, type SearchDocument } from "./search-index.ts";

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

/** What a build wrote, for the summary line and the browser test. */
export interface SiteBuild {
  outDir: string;
  pages: PageInfo[];
  documents: SearchDocument[];
  /** Guide sections' notebooks that are not in this build. */
  warnings: string[];
}

/** A notebook file name the site publishes: NN-topic.ipynb, not the generated 00-index. */
export function isCourseNotebook(file: string): boolean {
  return /^\d{2}-.+\.ipynb$/.test(file) && file !== INDEX_NAME;
}

/**
 * Writes the site into `outDir` (emptied first): index.html, search.html, one page per numbered
 * notebook, the notebooks themselves for download, and assets/.
 */
export async function buildSite(
  notebooksDir: string,
  outDir: string,
  description: string,
): Promise<SiteBuild> {
  const files = (await readdir(notebooksDir)).filter(isCourseNotebook).sort();
  if (!files.length) throw new Error(`No NN-topic.ipynb notebooks in ${notebooksDir}`);
  const notebooks = new Map<string, Notebook>();
  for (const file of files) {
    notebooks.set(file, parseNotebook(await readFile(path.join(notebooksDir, file), "utf8"), file));
  }
  const pages = files.map((file) => pageInfo(file, notebooks.get(file)!));

  await rm(outDir, { recursive: true, force: true });
  await mkdir(path.join(outDir, DOWNLOAD_DIR), { recursive: true });
  await mkdir(path.join(outDir, "assets"), { recursive: true });

  const documents: SearchDocument[] = [];
  for (const [i, page] of pages.entries()) {
    const rendered = renderNotebook(notebooks.get(page.file)!);
    const html = notebookPage(page, rendered.html, pages[i - 1], pages[i + 1]);
    await writeFile(path.join(outDir, page.page), html);
    await copyFile(path.join(notebooksDir, page.file), path.join(outDir, DOWNLOAD_DIR, page.file));
    documents.push(...searchDocuments(page.page, plainTitle(page.title), rendered.sections));
  }
  await writeFile(path.join(outDir, "index.html"), indexPage(pages, GUIDE_SECTIONS, description));
  await writeFile(path.join(outDir, "search.html"), searchPage());
  await writeFile(path.join(outDir, "assets", "search-index.js"), searchIndexScript(documents));
  await copyAssets(path.join(outDir, "assets"));

  const missing = [...new Set(GUIDE_SECTIONS.flatMap((g) => g.notebooks))].filter(
    (file) => !notebooks.has(file),
  );
  const warnings = missing.length
    ? [
        `the guide's sections name notebooks not in notebooks/ (shown unlinked): ${missing.join(", ")}`,
      ]
    : [];
  return { outDir, pages, documents, warnings };
}

export function pageInfo(file: string, nb: Notebook): PageInfo {
  const entry = describeNotebook(nb, file);
  return {
    file,
    page: file.replace(/\.ipynb$/, ".html"),
    number: entry.number,
    title: entry.title,
    name: entry.name,
    description: entry.description,
    minutes: sittingMinutes(nb),
  };
}

/** The site's own CSS and scripts, MiniSearch's browser build and highlight.js's theme. */
async function copyAssets(assetsDir: string): Promise<void> {
  const own = ["site.css", "search.js", "page.js"];
  for (const name of own)
    await copyFile(path.join(here, "assets", name), path.join(assetsDir, name));
  const minisearch = path.join(
    path.dirname(require.resolve("minisearch")),
    "..",
    "umd",
    "index.js",
  );
  await copyFile(minisearch, path.join(assetsDir, "minisearch.js"));
  const theme = require.resolve("highlight.js/styles/github.css");
  await copyFile(theme, path.join(assetsDir, "highlight.css"));
}
