// The site's pages as HTML: the shell every page shares, the index, a notebook page, the search page.
import type { GuideSection } from "../contents/guide-sections.ts";
import { escapeHtml, renderInline } from "./markdown.ts";

/** A numbered notebook as the site lists it. */
export interface PageInfo {
  /** The notebook's file name, e.g. "03-async-basics.ipynb". */
  file: string;
  /** Its page, e.g. "03-async-basics.html". */
  page: string;
  number: number;
  /** The H1 text, markdown, e.g. "3. Async basics: `Promise.all`". */
  title: string;
  /** The title without its "N. " prefix. */
  name: string;
  description: string;
  minutes: number;
}

export const DOWNLOAD_DIR = "notebooks";

/** Every page: header with the search box, the content, and its scripts; all paths relative. */
export function pageShell(title: string, body: string, scripts: string[] = []): string {
  const tags = scripts.map((s) => `<script src="assets/${s}"></script>`).join("\n");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="assets/highlight.css">
<link rel="stylesheet" href="assets/site.css">
</head>
<body>
<header class="site-header">
<a class="brand" href="index.html">Async TypeScript</a>
<form class="search-box" action="search.html" role="search">
<input type="search" name="q" placeholder="Search the course" aria-label="Search the course">
</form>
</header>
${body}
${tags}
</body>
</html>
`;
}

/** Plain text of a markdown title, for <title> and link text: code spans lose their backticks. */
export function plainTitle(markdown: string): string {
  return markdown.replace(/`([^`]*)`/g, "$1").replace(/[*_]/g, "");
}

/** The index: the course map with times, the guide's sections, and how to run the course. */
export function indexPage(
  pages: readonly PageInfo[],
  guide: readonly GuideSection[],
  description: string,
): string {
  const total = pages.reduce((n, p) => n + p.minutes, 0);
  const rows = pages.map(
    (p) =>
      `<tr><td>${p.number}</td><td><a href="${p.page}">${renderInline(p.name)}</a>` +
      `<div class="description">${renderInline(p.description)}</div></td>` +
      `<td class="minutes">${p.minutes} min</td></tr>`,
  );
  const byFile = new Map(pages.map((p) => [p.file, p]));
  const guideRows = guide.map((g) => {
    const links = g.notebooks.map((file) => {
      const page = byFile.get(file);
      return page
        ? `<a href="${page.page}">${renderInline(page.title)}</a>`
        : `<span class="missing" title="not in this build">${escapeHtml(file)}</span>`;
    });
    return `<tr><td>${escapeHtml(g.section)}</td><td>${links.join("<br>")}</td></tr>`;
  });
  const body = `<main class="index">
<h1>Async TypeScript</h1>
<p class="lead">${renderInline(description)}</p>
<p>${pages.length} notebooks, about ${total} minutes in all (prose words / 200 + code cells / 3 + 5 per
exercise). Every number in a notebook's outputs was measured when it was run; run it yourself to
measure it on your machine.</p>
<h2 id="course-map">Course map</h2>
<table class="course-map">
<thead><tr><th>#</th><th>Notebook</th><th>Time</th></tr></thead>
<tbody>
${rows.join("\n")}
</tbody>
</table>
<h2 id="guide-sections">From the Python asyncio guide</h2>
<p>Where each section of the guide is taught in the course.</p>
<table class="guide-map">
<thead><tr><th>Guide section</th><th>Notebooks</th></tr></thead>
<tbody>
${guideRows.join("\n")}
</tbody>
</table>
<h2 id="run-it-yourself">Run it yourself</h2>
<p>You need Node.js 22, 24 or 26 and Python 3.9 or later with its <code>venv</code> module. In a clone
of the course:</p>
<pre><code>npm install    # packages, lib/, and .venv with JupyterLab and the tslab kernel
npm run lab    # open the course in JupyterLab
npm test       # lint, type-check, unit tests, every notebook end to end</code></pre>
<p>Each notebook page also links to its <code>.ipynb</code> file.</p>
</main>`;
  return pageShell("Async TypeScript", body);
}

/** A notebook's page: previous/next links, the "run this notebook" box, the cells. */
export function notebookPage(
  page: PageInfo,
  cellsHtml: string,
  previous: PageInfo | undefined,
  next: PageInfo | undefined,
): string {
  const pager = `<nav class="pager">${[
    previous ? `<a rel="prev" href="${previous.page}">← ${renderInline(previous.title)}</a>` : "",
    `<a href="index.html">Contents</a>`,
    next ? `<a rel="next" href="${next.page}">${renderInline(next.title)} →</a>` : "",
  ]
    .filter(Boolean)
    .join(" · ")}</nav>`;
  const download = `${DOWNLOAD_DIR}/${page.file}`;
  const runBox =
    `<div class="run-box">▶ Run this notebook: <code>npm install &amp;&amp; npm run lab</code>, open ` +
    `<code>${escapeHtml(page.file)}</code> · <a href="${download}" download>download the .ipynb</a></div>`;
  const body = `${pager}\n${runBox}\n<main class="notebook">\n${cellsHtml}\n</main>\n${pager}`;
  return pageShell(`${plainTitle(page.title)} · Async TypeScript`, body, ["page.js"]);
}

/** The search page; assets/search.js reads ?q= and searches as the reader types. */
export function searchPage(): string {
  const body = `<main class="search">
<h1>Search the course</h1>
<form id="search-form" action="search.html" role="search">
<input id="search-input" type="search" name="q" placeholder="e.g. Promise.allSettled" aria-label="Search the course" autofocus>
</form>
<p id="search-status"></p>
<ol id="search-results"></ol>
<noscript>Search needs JavaScript.</noscript>
</main>`;
  return pageShell("Search · Async TypeScript", body, [
    "minisearch.js",
    "search-index.js",
    "search.js",
  ]);
}
