import assert from "node:assert/strict";
import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Notebook } from "../../scripts/contents/notebook-file.ts";
import { comparePictures, textByPage } from "../../scripts/site/check-site.ts";
import { notebookPage, type PageInfo } from "../../scripts/site/layout.ts";
import { sittingMinutes, storedPictures } from "../../scripts/site/notebook-page.ts";
import { serveStatic } from "../../scripts/site/serve.ts";

const SVG = "<svg/>";
const SVG_URI = `data:image/svg+xml;base64,${Buffer.from(SVG).toString("base64")}`;

function page(n: number): PageInfo {
  const file = `0${n}-topic-${n}.ipynb`;
  return {
    file,
    page: file.replace(".ipynb", ".html"),
    number: n,
    title: `${n}. Topic \`${n}\``,
    name: `Topic \`${n}\``,
    description: "",
    minutes: 20,
  };
}

function notebook(cells: Notebook["cells"]): Notebook {
  return { cells, metadata: {}, nbformat: 4, nbformat_minor: 5 };
}

describe("notebookPage()", () => {
  const html = notebookPage(page(2), "<p>cells</p>", page(1), page(3));

  it("links to the previous and next notebooks' pages and to the index", () => {
    assert.match(html, /<a rel="prev" href="01-topic-1.html">← 1. Topic <code>1<\/code><\/a>/);
    assert.match(html, /<a rel="next" href="03-topic-3.html">/);
    assert.match(html, /<a href="index.html">Contents<\/a>/);
  });

  it("offers the .ipynb for download and says how to run it, in one line", () => {
    assert.match(html, /<a href="notebooks\/02-topic-2.ipynb" download>/);
    assert.match(html, /<div class="run-box">[^\n]*npm run lab[^\n]*02-topic-2.ipynb[^\n]*<\/div>/);
  });

  it("loads nothing from another host: every src and href is relative", () => {
    const urls = [...html.matchAll(/(?:src|href)="([^"]*)"/g)].map((m) => m[1]!);
    assert.ok(urls.length > 5);
    assert.deepEqual(
      urls.filter((u) => /^(https?:)?\/\//.test(u)),
      [],
    );
  });

  it("has no previous link on the first page", () => {
    assert.doesNotMatch(notebookPage(page(1), "", undefined, page(2)), /rel="prev"/);
  });
});

describe("storedPictures()", () => {
  it("lists the notebook's pictures in page order: HTML <img>, SVG and PNG outputs, markdown", () => {
    const nb = notebook([
      { cell_type: "markdown", metadata: {}, source: "![chart](data:image/png;base64,AA)" },
      {
        cell_type: "code",
        metadata: {},
        source: "",
        outputs: [
          { output_type: "display_data", data: { "text/html": [`<img src="${SVG_URI}">`] } },
          { output_type: "display_data", data: { "image/svg+xml": SVG, "text/plain": "x" } },
          { output_type: "display_data", data: { "image/png": "QQ==\n" } },
          { output_type: "stream", name: "stdout", text: '<img src="not-a-picture">' },
        ],
      },
      { cell_type: "markdown", metadata: { tags: ["navigation"] }, source: '<img src="nav">' },
    ]);
    assert.deepEqual(storedPictures(nb), [
      "data:image/png;base64,AA",
      SVG_URI,
      SVG_URI,
      "data:image/png;base64,QQ==",
    ]);
  });
});

describe("comparePictures()", () => {
  it("accepts the stored pictures, shown in order", () => {
    assert.deepEqual(
      comparePictures(
        "p",
        ["a", "b"],
        [
          { src: "a", shown: true },
          { src: "b", shown: true },
        ],
      ),
      [],
    );
  });

  it("names a missing, a different and a broken picture", () => {
    assert.deepEqual(comparePictures("p", ["a", "b"], [{ src: "x", shown: false }]), [
      "p: shows 1 pictures, its notebook stores 2",
      "p: picture 1 differs from the stored one",
      "p: 1 pictures did not render",
    ]);
  });
});

describe("sittingMinutes()", () => {
  it("counts prose words / 200 + code cells / 3 + 5 per exercise, rounded", () => {
    const words = Array.from({ length: 400 }, () => "word").join(" ");
    const code = (tags: string[] = []) => ({ cell_type: "code", metadata: { tags }, source: "" });
    const nb = notebook([
      { cell_type: "markdown", metadata: {}, source: words },
      code(),
      code(),
      code(["exercise"]),
    ]);
    assert.equal(sittingMinutes(nb), Math.round(400 / 200 + 3 / 3 + 5));
  });
});

describe("textByPage()", () => {
  it("gathers each page's sections, whatever their anchor", () => {
    const documents = [
      { id: "1", notebook: "N", heading: "H1", url: "a.html#x", text: "one" },
      { id: "2", notebook: "N", heading: "H2", url: "a.html", text: "two" },
    ];
    assert.deepEqual([...textByPage({ documents }).keys()], ["a.html"]);
    assert.match(textByPage({ documents }).get("a.html")!, /one[\s\S]*two/);
  });
});

describe("serveStatic()", () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "site-serve-"));
    await mkdir(path.join(dir, "assets"));
    await writeFile(path.join(dir, "index.html"), "<p>home</p>");
    await writeFile(path.join(dir, "assets", "a.js"), "1");
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it("serves files with their type, a folder's index.html, and 404 for the rest", async () => {
    const server = await serveStatic(dir);
    try {
      assert.match(server.origin, /^http:\/\/127\.0\.0\.1:\d+$/);
      const home = await fetch(`${server.origin}/`);
      assert.equal(await home.text(), "<p>home</p>");
      const script = await fetch(`${server.origin}/assets/a.js`);
      assert.match(script.headers.get("content-type") ?? "", /text\/javascript/);
      assert.equal((await fetch(`${server.origin}/missing.html`)).status, 404);
      assert.equal((await fetch(`${server.origin}/..%2f..%2fetc%2fpasswd`)).status, 403);
    } finally {
      await server.close();
    }
  });
});
