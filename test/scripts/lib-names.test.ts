import assert from "node:assert/strict";
import path from "node:path";
import { $ } from "zx";
import { root } from "../../scripts/jupyter-env.ts";
import { inlineCodeWords, readLibNames, typeOnlyExports } from "../../scripts/lib-names.ts";

describe("typeOnlyExports()", function () {
  it("lists the lib's interfaces and type aliases, not its functions or classes", function () {
    const types = typeOnlyExports(path.join(root, "lib", "dist", "index.d.ts"));
    assert.ok(types.has("AttemptInfo") && types.has("MeasureOptions"));
    for (const value of ["measure", "sleep", "Timeline", "checkCode"]) {
      assert.ok(!types.has(value), `${value} is a value`);
    }
  });
});

describe("readLibNames()", function () {
  it("reads value imports from the lib and the identifiers used outside imports", function () {
    const names = readLibNames(
      'import { measure, type AttemptInfo } from "@async-ts/lib";\nconst s = sleep; t.sleep2;',
    );
    assert.deepEqual(names.imports, [{ name: "measure", local: "measure" }]);
    assert.ok(names.identifiers.has("sleep") && !names.identifiers.has("sleep2"));
    assert.ok(!names.identifiers.has("measure"), "the import itself is not a use");
    assert.ok(names.members.has("t.sleep2"));
  });
});

describe("inlineCodeWords()", function () {
  it("takes the words of single and double backtick spans, and skips fenced blocks", function () {
    const words = inlineCodeWords(
      "Call `measure(fn)` or ``gem.explain(`x`)``.\n\n```ts\nhidden()\n```\n\n~~~\nalso()\n~~~",
    );
    assert.deepEqual([...words].sort(), ["explain", "fn", "gem", "measure", "x"]);
  });
});

/** Runs the checker as an author would, from the checkout's root, with Jupyter out of reach. */
function check(args: string[]) {
  return $({
    quiet: true,
    nothrow: true,
    cwd: root,
    env: { ...process.env, ASYNC_TS_PYTHON: "/nonexistent/python3" },
  })`${process.execPath} --import tsx scripts/check-notebooks.ts ${args}`;
}

describe("check-notebooks --static-only", function () {
  it("judges the files without Jupyter and names notebook, cell and rule", async function () {
    const run = await check(["test/fixtures/rules", "--static-only"]);
    assert.equal(run.exitCode, 1, run.stdout + run.stderr);
    assert.match(run.stdout, /Static checks only: no notebook runs/);
    assert.match(run.stdout, /^✔ test\/fixtures\/rules\/10-names-measure\.ipynb/m);
    const failures = run.stdout.split("\n").filter((l) => l.includes("(rule: "));
    assert.deepEqual(
      failures.map((l) => /^✘ (\S+), cell (\d+) .*\(rule: ([^)]+)\)$/.exec(l)?.slice(1)),
      [
        ["test/fixtures/rules/11-breaks-rules.ipynb", "1", "the opening states the time"],
        ["test/fixtures/rules/11-breaks-rules.ipynb", "3", "lib names introduced before use"],
        ["test/fixtures/rules/11-breaks-rules.ipynb", "4", "code cells of at most 12 lines"],
      ],
    );
    assert.match(run.stdout, /cell 3 .*: `sleep` is used before any prose names it/);
    assert.match(run.stdout, /notebooks: 1 passed, 1 failed/);
  });

  it("refuses the options that run or write notebooks", async function () {
    const run = await check(["test/fixtures/rules", "--static-only", "--solutions-too"]);
    assert.equal(run.exitCode, 2);
    assert.match(run.stderr, /--static-only runs no notebook: drop --solutions-too/);
  });

  it("is documented in --help with the command to run", async function () {
    const run = await check(["--help"]);
    assert.match(run.stdout, /--static-only .*\n[\s\S]*--static-only`?$/m);
  });
});
