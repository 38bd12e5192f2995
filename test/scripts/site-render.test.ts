import assert from "node:assert/strict";
import type { Cell } from "../../scripts/contents/notebook-file.ts";
import {
  mergeStreams,
  renderCodeCell,
  renderData,
  renderOutput,
} from "../../scripts/site/cells.ts";
import {
  jupyterHeadingId,
  PageState,
  renderMarkdown,
  siteHref,
} from "../../scripts/site/markdown.ts";

const SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"></svg>';

function codeCell(source: string, outputs: unknown[], tags: string[] = []): Cell {
  return { cell_type: "code", id: "c1", execution_count: 3, metadata: { tags }, source, outputs };
}

describe("renderMarkdown()", () => {
  it("gives headings JupyterLab's ids (text with spaces as '-'), unique on the page", () => {
    const state = new PageState();
    const html = renderMarkdown("## `await` in a loop\n\ntext\n\n## `await` in a loop", state);
    assert.match(html, /<h2 id="await-in-a-loop">/);
    assert.match(html, /<h2 id="await-in-a-loop-2">/);
    assert.deepEqual(
      state.sections.map((s) => s.id),
      ["await-in-a-loop", "await-in-a-loop-2"],
    );
  });

  it("keeps a solution folded in <details> and highlights its ts block", () => {
    const source = "<details><summary>Solution</summary>\n\n```ts\nconst x = 1;\n```\n\n</details>";
    const html = renderMarkdown(source, new PageState());
    assert.match(html, /<details><summary>Solution<\/summary>/);
    assert.match(html, /<span class="hljs-keyword">const<\/span>/);
    assert.match(html, /<\/details>/);
    assert.doesNotMatch(html, /&lt;details/);
  });

  it("keeps raw <img> tags as they are", () => {
    const html = renderMarkdown(
      '<img src="data:image/svg+xml;base64,AAAA" alt="t">',
      new PageState(),
    );
    assert.match(html, /<img src="data:image\/svg\+xml;base64,AAAA" alt="t">/);
  });

  it("links notebooks to their pages and 00-index to the site's index", () => {
    const html = renderMarkdown(
      "[next](04-x.ipynb#Some-heading) · [Contents](00-index.ipynb) · [web](https://nodejs.org/)",
      new PageState(),
    );
    assert.match(html, /href="04-x.html#Some-heading"/);
    assert.match(html, /href="index.html"/);
    assert.match(html, /href="https:\/\/nodejs.org\/" rel="noopener"/);
  });

  it("collects the prose and code under each heading as the section's text", () => {
    const state = new PageState();
    renderMarkdown("intro words\n\n# Title\n\nSome **bold**\nprose.\n\n```ts\nrace()\n```", state);
    assert.deepEqual(state.sections, [
      { id: "", heading: "", text: "intro words" },
      { id: "Title", heading: "Title", text: "Some bold prose.\nrace()" },
    ]);
  });
});

describe("jupyterHeadingId() and siteHref()", () => {
  it("keeps punctuation and case, as JupyterLab's ids do", () => {
    assert.equal(jupyterHeadingId(" Option A: Promise.all runs "), "Option-A:-Promise.all-runs");
  });

  it("leaves links that are not to a notebook unchanged", () => {
    assert.equal(siteHref("node/cluster-server.cjs"), "node/cluster-server.cjs");
    assert.equal(siteHref("https://x.org/a.ipynb"), "https://x.org/a.ipynb");
    assert.equal(siteHref("./02-event-loop.ipynb"), "02-event-loop.html");
  });
});

describe("renderCodeCell()", () => {
  it("shows the prompt, the highlighted code and the outputs", () => {
    const state = new PageState();
    const html = renderCodeCell(
      codeCell("await sleep(1)", [{ output_type: "stream", name: "stdout", text: ["a < b\n"] }]),
      state,
    );
    assert.match(html, /id="cell-c1"/);
    assert.match(html, /\[3\]:/);
    assert.match(html, /<span class="hljs-keyword">await<\/span>/);
    assert.match(html, /<pre class="output stream stdout">a &lt; b\n<\/pre>/);
    assert.equal(state.sections[0]?.text, "await sleep(1)");
  });

  it("labels an exercise's answer cell", () => {
    const html = renderCodeCell(codeCell("undefined // TODO", [], ["exercise"]), new PageState());
    assert.match(html, /class="cell code exercise"/);
    assert.match(html, /Your answer/);
  });
});

describe("renderOutput()", () => {
  it("joins consecutive stream outputs of one stream, as JupyterLab does", () => {
    const merged = mergeStreams([
      { output_type: "stream", name: "stdout", text: "a\n" },
      { output_type: "stream", name: "stdout", text: ["b\n"] },
      { output_type: "stream", name: "stderr", text: "c\n" },
    ]);
    assert.deepEqual(
      merged.map((o) => [o.name, o.text]),
      [
        ["stdout", "a\nb\n"],
        ["stderr", "c\n"],
      ],
    );
  });

  it("prefers text/html to text/plain, as JupyterLab does", () => {
    const html = renderData({
      "text/html": ["<table><tr><td>1</td></tr></table>"],
      "text/plain": "x",
    });
    assert.equal(html, '<div class="output html"><table><tr><td>1</td></tr></table></div>');
  });

  it("shows SVG and PNG as <img> data URIs", () => {
    const svg = renderData({ "image/svg+xml": SVG });
    assert.ok(
      svg.includes(`src="data:image/svg+xml;base64,${Buffer.from(SVG).toString("base64")}"`),
    );
    assert.match(
      renderData({ "image/png": "iVBO\nRw==\n" }),
      /src="data:image\/png;base64,iVBORw=="/,
    );
  });

  it("shows an error's name, message and traceback without ANSI colours", () => {
    const html = renderOutput({
      output_type: "error",
      ename: "TypeError",
      evalue: "x is not a function",
      traceback: ["\u001b[31mat <anonymous>\u001b[0m"],
    });
    assert.equal(
      html,
      '<pre class="output error">TypeError: x is not a function\nat &lt;anonymous&gt;</pre>',
    );
  });
});
