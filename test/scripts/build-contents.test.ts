import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtemp, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { buildContents, INDEX_NAME } from "../../scripts/build-contents.ts";
import { root } from "../../scripts/jupyter-env.ts";

const README = `# Course

Intro.

## Contents

<!-- contents:start -->

1. [Old entry](notebooks/01-old.ipynb)

<!-- contents:end -->

## After
`;

/** A notebook as nbformat writes it: sources as lists of lines, an executed code cell. */
function notebook(title: string, intro: string, moreCode = 0): string {
  const more = Array.from({ length: moreCode }, (_, i) => ({
    cell_type: "code",
    execution_count: null,
    id: `more${i}`,
    metadata: {},
    outputs: [],
    source: [`console.log(${i});`],
  }));
  const nb = {
    cells: [
      {
        cell_type: "markdown",
        id: "a1",
        metadata: {},
        source: [`# ${title}\n`, "\n", `${intro}\n`, "second line.\n", "\n", "More."],
      },
      {
        cell_type: "code",
        execution_count: 7,
        id: "a2",
        metadata: {},
        outputs: [{ name: "stdout", output_type: "stream", text: ["measured 3.01 s\n"] }],
        source: ["console.log(1);"],
      },
      { cell_type: "markdown", id: "a3", metadata: {}, source: ["## Summary"] },
      ...more,
    ],
    metadata: { kernelspec: { display_name: "TypeScript", language: "typescript", name: "tslab" } },
    nbformat: 4,
    nbformat_minor: 5,
  };
  return JSON.stringify(nb, null, 1) + "\n";
}

async function makeCourse(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "contents-"));
  await mkdir(path.join(dir, "notebooks"));
  await writeFile(path.join(dir, "README.md"), README);
  await writeFile(
    path.join(dir, "notebooks", "01-first.ipynb"),
    notebook("1. First steps", "Learn the first thing,"),
  );
  await writeFile(
    path.join(dir, "notebooks", "02-second.ipynb"),
    notebook("2. Second steps", "Then the second."),
  );
  await writeFile(path.join(dir, "notebooks", "_scratch.ipynb"), "not a notebook");
  return dir;
}

const read = (dir: string, file: string) => readFile(path.join(dir, file), "utf8");

/** The index notebook's markdown, all cells joined. */
async function indexText(dir: string): Promise<string> {
  const index = JSON.parse(await read(dir, `notebooks/${INDEX_NAME}`)) as {
    cells: { source: string[] }[];
  };
  return index.cells.map((c) => c.source.join("")).join("\n");
}

describe("build-contents", function () {
  let dir: string;
  beforeEach(async function () {
    dir = await makeCourse();
  });
  afterEach(async function () {
    await rm(dir, { recursive: true, force: true });
  });

  it("rewrites only the README section between the markers", async function () {
    await buildContents({ root: dir });
    const readme = await read(dir, "README.md");
    assert.ok(
      readme.startsWith("# Course\n\nIntro.\n\n## Contents\n\n<!-- contents:start -->\n\n"),
    );
    assert.ok(readme.endsWith("<!-- contents:end -->\n\n## After\n"));
    assert.match(
      readme,
      /^1\. \[First steps\]\(notebooks\/01-first\.ipynb\) \(about 0 min\) — Learn the first thing, second line\.$/m,
    );
    assert.match(
      readme,
      /^2\. \[Second steps\]\(notebooks\/02-second\.ipynb\) \(about 0 min\) — Then the second\. second line\.$/m,
    );
    assert.doesNotMatch(readme, /Old entry|_scratch/);
  });

  it("adds navigation as the second and last cells and leaves code cells alone", async function () {
    await buildContents({ root: dir });
    const text = await read(dir, "notebooks/01-first.ipynb");
    assert.ok(
      text.endsWith("}\n") && text.includes('\n "cells": [\n  {\n   "cell_type"'),
      "1-space indent",
    );
    const nb = JSON.parse(text) as {
      cells: { id: string; source: string[]; execution_count?: number; outputs?: unknown[] }[];
    };
    assert.deepEqual(
      nb.cells.map((c) => c.id),
      ["a1", "nav-top", "a2", "a3", "nav-bottom"],
    );
    const nav = nb.cells[1]!.source.join("");
    assert.equal(nav, `[Contents](${INDEX_NAME}) · [2. Second steps](02-second.ipynb) →`);
    assert.equal(nb.cells[4]!.source.join(""), nav);
    assert.equal(nb.cells[2]!.execution_count, 7);
    assert.deepEqual(nb.cells[2]!.outputs, [
      { name: "stdout", output_type: "stream", text: ["measured 3.01 s\n"] },
    ]);
    const second = JSON.parse(await read(dir, "notebooks/02-second.ipynb")) as {
      cells: { source: string[] }[];
    };
    assert.equal(
      second.cells[1]!.source.join(""),
      `← [1. First steps](01-first.ipynb) · [Contents](${INDEX_NAME})`,
    );
  });

  it("writes a markdown-only index notebook with the tslab kernel", async function () {
    await buildContents({ root: dir });
    const index = JSON.parse(await read(dir, `notebooks/${INDEX_NAME}`)) as {
      cells: { cell_type: string; source: string[] }[];
      metadata: { kernelspec: { name: string } };
    };
    assert.equal(index.metadata.kernelspec.name, "tslab");
    assert.ok(index.cells.every((c) => c.cell_type === "markdown"));
    const all = index.cells.map((c) => c.source.join("")).join("\n");
    assert.match(all, /^# /);
    assert.match(all, /1\. \[First steps\]\(01-first\.ipynb\) \(about 0 min\)/);
  });

  it("gives the index prerequisites, how to start, each notebook's minutes and the total", async function () {
    await writeFile(
      path.join(dir, "notebooks", "03-third.ipynb"),
      notebook("3. Third steps", "Thirty code cells.", 29),
    );
    await buildContents({ root: dir });
    const all = await indexText(dir);
    assert.match(all, /Node\.js 22, 24 or 26/);
    assert.match(all, /Python 3\.9 or newer with its `venv` module/);
    for (const command of ["npm install", "npm run lab", "npm test"]) {
      assert.match(all, new RegExp(`^${command} +# `, "m"), command);
    }
    const each = [...all.matchAll(/\(about (\d+) min\)/g)].map((m) => Number(m[1]));
    const total = each.reduce((a, b) => a + b, 0);
    assert.equal(each.length, 3);
    assert.match(all, new RegExp(`3 notebooks, about ${total} minutes in all`));
    assert.match(all, /^3\. \[Third steps\]\(03-third\.ipynb\) \(about 10 min\) — Thirty/m);
    assert.match(await read(dir, "README.md"), /\(notebooks\/03-third\.ipynb\) \(about 10 min\)/);
  });

  it("maps the guide's sections to the notebooks on disk and skips the others", async function () {
    await writeFile(
      path.join(dir, "notebooks", "03-event-loop-order.ipynb"),
      notebook("3. The event loop's order", "Microtasks first."),
    );
    await buildContents({ root: dir });
    const all = await indexText(dir);
    assert.match(all, /## Coming from the Python asyncio guide/);
    assert.match(
      all,
      /^- \*\*Event Loop\*\*: \[3\. The event loop's order\]\(03-event-loop-order\.ipynb\)$/m,
    );
    assert.doesNotMatch(all, /Best Practices|08-best-practices/);
    await rm(path.join(dir, "notebooks", "03-event-loop-order.ipynb"));
    await buildContents({ root: dir });
    assert.doesNotMatch(await indexText(dir), /Python asyncio guide/, "no section left, no map");
  });

  it("is idempotent: a second run writes nothing and the check passes", async function () {
    const first = await buildContents({ root: dir });
    assert.deepEqual(
      first.written.sort(),
      [
        "README.md",
        "notebooks/00-index.ipynb",
        "notebooks/01-first.ipynb",
        "notebooks/02-second.ipynb",
      ].sort(),
    );
    const before = await Promise.all(
      ["README.md", "notebooks/01-first.ipynb", `notebooks/${INDEX_NAME}`].map((f) => read(dir, f)),
    );
    const second = await buildContents({ root: dir });
    assert.deepEqual(second.written, []);
    const after = await Promise.all(
      ["README.md", "notebooks/01-first.ipynb", `notebooks/${INDEX_NAME}`].map((f) => read(dir, f)),
    );
    assert.deepEqual(after, before);
    assert.deepEqual((await buildContents({ root: dir, check: true })).stale, []);
  });

  it("replaces old navigation in place when a notebook is added", async function () {
    await buildContents({ root: dir });
    await writeFile(
      path.join(dir, "notebooks", "03-third.ipynb"),
      notebook("3. Third steps", "Last."),
    );
    await buildContents({ root: dir });
    const nb = JSON.parse(await read(dir, "notebooks/02-second.ipynb")) as {
      cells: { id: string; source: string[] }[];
    };
    assert.deepEqual(
      nb.cells.map((c) => c.id),
      ["a1", "nav-top", "a2", "a3", "nav-bottom"],
    );
    assert.match(nb.cells[1]!.source.join(""), /\[3\. Third steps\]\(03-third\.ipynb\) →$/);
  });

  it("check mode lists what is stale and changes nothing", async function () {
    const readmeBefore = await read(dir, "README.md");
    const nbBefore = await read(dir, "notebooks/01-first.ipynb");
    const { stale, written } = await buildContents({ root: dir, check: true });
    assert.deepEqual(written, []);
    assert.ok(stale.includes("README contents are stale: run npm run contents"), stale.join("\n"));
    assert.ok(stale.some((s) => s.startsWith(`notebooks/${INDEX_NAME} is missing`)));
    assert.ok(stale.some((s) => s.startsWith("notebooks/01-first.ipynb navigation is stale")));
    assert.equal(await read(dir, "README.md"), readmeBefore);
    assert.equal(await read(dir, "notebooks/01-first.ipynb"), nbBefore);
  });

  it("check mode notices a renamed notebook title", async function () {
    await buildContents({ root: dir });
    const file = path.join(dir, "notebooks", "02-second.ipynb");
    await writeFile(
      file,
      (await readFile(file, "utf8")).replace("# 2. Second steps", "# 2. Renamed steps"),
    );
    const { stale } = await buildContents({ root: dir, check: true });
    assert.ok(stale.includes("README contents are stale: run npm run contents"));
    assert.ok(stale.some((s) => s.startsWith("notebooks/01-first.ipynb navigation is stale")));
  });

  it("the CLI exits 1 in check mode when stale, and 0 once built", async function () {
    const exec = promisify(execFile);
    const tsx = path.join(root, "node_modules", ".bin", "tsx");
    const script = path.join(root, "scripts", "build-contents.ts");
    await assert.rejects(
      exec(tsx, [script, "--check", "--root", dir]),
      (error: { code: number; stderr: string }) => {
        assert.equal(error.code, 1);
        assert.match(error.stderr, /README contents are stale: run npm run contents/);
        return true;
      },
    );
    await exec(tsx, [script, "--root", dir]);
    const { stdout } = await exec(tsx, [script, "--check", "--root", dir]);
    assert.match(stdout, /up to date/);
  });
});
