// The site's browser checks: every page loads with no console error and no request leaving the
// machine, shows the pictures its notebook stores, links only to what exists, and search finds a
// word of notebook 03 and lands on it. Failures are collected, never thrown.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { parseNotebook } from "../contents/notebook-file.ts";
import { root } from "../jupyter-env.ts";
import { buildSite, type SiteBuild } from "./build.ts";
import { storedPictures } from "./notebook-page.ts";
import { uniqueTerm } from "./search-index.ts";
import { serveStatic } from "./serve.ts";

/** Builds the site into a temporary folder, checks it, prints one line per failure and a total. */
export async function testSite(browser: Browser, shotDir: string): Promise<string[]> {
  const started = performance.now();
  const outDir = await mkdtemp(path.join(os.tmpdir(), "test-site-"));
  try {
    const pkg = JSON.parse(await readFile(path.join(root, "package.json"), "utf8")) as {
      description?: string;
    };
    const notebooksDir = path.join(root, "notebooks");
    const build = await buildSite(notebooksDir, outDir, pkg.description ?? "");
    const built = (performance.now() - started) / 1000;
    const failures = await checkSite(browser, build, notebooksDir, shotDir);
    const seconds = (performance.now() - started) / 1000;
    const mark = failures.length ? "✘" : "✔";
    console.log(
      `${mark} site: ${build.pages.length + 2} pages built in ${built.toFixed(1)} s, ` +
        `checked in Chromium in ${seconds.toFixed(1)} s`,
    );
    for (const failure of failures) console.log(`    ${failure}`);
    return failures;
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
}

/** What a page showed: its links (absolute), element ids, pictures, and console errors. */
interface Visit {
  url: string;
  links: string[];
  ids: string[];
  pictures: { src: string; shown: boolean }[];
}

/** The notebook whose rarest word the search check looks up. */
export const SEARCH_NOTEBOOK_PREFIX = "03-";

/**
 * Checks a built site in Chromium, served from 127.0.0.1, and saves screenshots in `shotDir`: the
 * index, notebook 03's page, and where its search result lands (site-*.png). Returns the failures.
 */
export async function checkSite(
  browser: Browser,
  build: SiteBuild,
  notebooksDir: string,
  shotDir: string,
): Promise<string[]> {
  const failures: string[] = [];
  const server = await serveStatic(build.outDir);
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  // Nothing may leave the machine: every request to another host fails the check and is refused.
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(`${server.origin}/`) || url.startsWith("file:")) return route.continue();
    failures.push(`${route.request().frame().url()} requested ${url}`);
    return route.abort();
  });
  try {
    const page = await context.newPage();
    watchErrors(page, failures);
    const visits: Visit[] = [];
    const pageFiles = ["index.html", "search.html", ...build.pages.map((p) => p.page)];
    for (const file of pageFiles) visits.push(await visit(page, `${server.origin}/${file}`));
    await page.goto(`${server.origin}/index.html`);
    await page.screenshot({ path: path.join(shotDir, "site-index.png"), fullPage: true });
    const shown =
      build.pages.find((p) => p.file.startsWith(SEARCH_NOTEBOOK_PREFIX)) ?? build.pages[0]!;
    await page.goto(`${server.origin}/${shown.page}`);
    const shot = `site-${shown.page.replace(/\.html$/, ".png")}`;
    await page.screenshot({ path: path.join(shotDir, shot), fullPage: true });

    for (const info of build.pages) {
      const nb = parseNotebook(
        await readFile(path.join(notebooksDir, info.file), "utf8"),
        info.file,
      );
      const shown = visits.find((v) => v.url.endsWith(`/${info.page}`))!.pictures;
      failures.push(...comparePictures(info.page, storedPictures(nb), shown));
    }
    failures.push(...(await checkLinks(visits, server.origin)));
    failures.push(...(await checkSearch(page, build, server.origin, shotDir)));
    failures.push(...(await checkFileUrl(context, build)));
  } catch (error) {
    failures.push(`site check stopped: ${(error as Error).message.split("\n")[0]}`);
  } finally {
    await context.close();
    await server.close();
  }
  return failures;
}

/** Console errors and uncaught page errors become failures, named by the page's URL. */
function watchErrors(page: Page, failures: string[]): void {
  page.on("console", (message) => {
    if (message.type() === "error")
      failures.push(`${page.url()}: console error: ${message.text()}`);
  });
  page.on("pageerror", (error) => failures.push(`${page.url()}: ${error.message}`));
}

async function visit(page: Page, url: string): Promise<Visit> {
  const response = await page.goto(url, { waitUntil: "load" });
  if (!response?.ok()) throw new Error(`${url} answered ${response?.status() ?? "nothing"}`);
  return page.evaluate(() => ({
    url: location.href,
    links: [...document.querySelectorAll("a[href]")].map((a) => (a as HTMLAnchorElement).href),
    ids: [...document.querySelectorAll("[id]")].map((e) => e.id),
    pictures: [...document.querySelectorAll("main img")].map((img) => ({
      src: img.getAttribute("src") ?? "",
      shown: (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0,
    })),
  }));
}

/** The page shows exactly the stored pictures, in order, and each one rendered. */
export function comparePictures(
  page: string,
  stored: readonly string[],
  shown: readonly { src: string; shown: boolean }[],
): string[] {
  const failures: string[] = [];
  if (stored.length !== shown.length) {
    failures.push(`${page}: shows ${shown.length} pictures, its notebook stores ${stored.length}`);
  }
  const differs = stored.findIndex((src, i) => shown[i] !== undefined && shown[i]?.src !== src);
  if (differs !== -1) failures.push(`${page}: picture ${differs + 1} differs from the stored one`);
  const broken = shown.filter((p) => !p.shown).length;
  if (broken) failures.push(`${page}: ${broken} pictures did not render`);
  return failures;
}

/** Every link to the site answers 200, and a link's #anchor exists on the page it names. */
async function checkLinks(visits: readonly Visit[], origin: string): Promise<string[]> {
  const failures: string[] = [];
  const idsByPage = new Map(visits.map((v) => [v.url.split("#")[0]!, new Set(v.ids)]));
  const targets = new Map<string, string>(); // link -> first page that has it
  for (const v of visits) {
    for (const link of v.links) {
      if (link.startsWith(`${origin}/`) && !targets.has(link)) targets.set(link, v.url);
    }
  }
  const statusOf = new Map<string, number>();
  for (const [link, from] of targets) {
    const url = new URL(link);
    const page = `${url.origin}${url.pathname}`;
    if (!statusOf.has(page)) statusOf.set(page, (await fetch(page, { method: "HEAD" })).status);
    const where = `${new URL(from).pathname.slice(1)} links to ${url.pathname.slice(1)}${url.hash}`;
    if (statusOf.get(page) !== 200) failures.push(`${where}: ${statusOf.get(page)}`);
    const id = decodeURIComponent(url.hash.slice(1));
    const ids = idsByPage.get(page === `${origin}/` ? `${origin}/index.html` : page);
    if (id && !ids?.has(id)) failures.push(`${where}: no element with that id`);
  }
  return failures;
}

/**
 * Looks up notebook 03's rarest word (one no other notebook uses) on the search page: notebook 03
 * must come first, and its link must land on the word, in view. Screenshots the page it lands on.
 */
async function checkSearch(
  page: Page,
  build: SiteBuild,
  origin: string,
  shotDir: string,
): Promise<string[]> {
  const target = build.pages.find((p) => p.file.startsWith(SEARCH_NOTEBOOK_PREFIX));
  if (!target) return [`search: no notebook ${SEARCH_NOTEBOOK_PREFIX}*.ipynb to search for`];
  const term = uniqueTerm(textByPage(build), target.page);
  if (!term) return [`search: ${target.file} has no word that only it uses`];
  await page.goto(`${origin}/search.html?q=${encodeURIComponent(term)}`);
  const first = page.locator("#search-results li a").first();
  await first.waitFor({ timeout: 10_000 });
  const href = (await first.getAttribute("href")) ?? "";
  if (!href.startsWith(target.page)) {
    return [`search: "${term}" (only in ${target.file}) lists ${href} first`];
  }
  await first.click();
  await page.waitForLoadState("load");
  const landed = await page.evaluate(() => {
    const hit = document.getElementById("search-target");
    const box = hit?.getBoundingClientRect();
    return {
      url: location.pathname,
      text: hit?.textContent ?? "",
      inView: box !== undefined && box.top >= 0 && box.bottom <= window.innerHeight,
    };
  });
  await page.screenshot({ path: path.join(shotDir, "site-search-landing.png") });
  console.log(`  site search: "${term}" lists ${target.page} first and lands on the word`);
  const failures: string[] = [];
  if (!landed.url.endsWith(`/${target.page}`))
    failures.push(`search: the link led to ${landed.url}`);
  if (landed.text.toLowerCase() !== term) {
    failures.push(`search: the page marked "${landed.text}" instead of "${term}"`);
  }
  if (!landed.inView) failures.push(`search: "${term}" is not in view after following the link`);
  return failures;
}

/** Each page's searchable text, from the build's search documents. */
export function textByPage(build: Pick<SiteBuild, "documents">): Map<string, string> {
  const texts = new Map<string, string>();
  for (const doc of build.documents) {
    const page = doc.url.split("#")[0]!;
    texts.set(page, `${texts.get(page) ?? ""}\n${doc.notebook}\n${doc.heading}\n${doc.text}`);
  }
  return texts;
}

/** Opened from file:// (no server), the search page still loads its index and finds a title word. */
async function checkFileUrl(context: BrowserContext, build: SiteBuild): Promise<string[]> {
  const page = await context.newPage();
  const failures: string[] = [];
  page.on("pageerror", (error) => failures.push(`file://: ${error.message}`));
  const word = build.pages[0]!.name.split(/\W+/).find((w) => w.length > 3) ?? "async";
  const url = pathToFileURL(path.join(build.outDir, "search.html"));
  url.searchParams.set("q", word);
  await page.goto(url.href);
  const results = await page.locator("#search-results li").count();
  if (!results) failures.push(`file://: search.html?q=${word} found nothing`);
  await page.close();
  return failures;
}
