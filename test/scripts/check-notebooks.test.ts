import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { cp, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import path from "node:path";
import { $ } from "zx";
import { checkJupyter, root } from "../../scripts/jupyter-env.ts";

const fixtures = path.join(root, "test", "fixtures");
/** Notebooks with exercises: one whose solutions pass, one whose solution is only its stub. */
const exerciseFixtures = [
  "test/fixtures/exercises/02-solved-by-its-solutions.ipynb",
  "test/fixtures/exercises/02-stub-as-solution.ipynb",
];

/** Runs the checker as a reader would, from the checkout's root. */
function check(args: string[], env: NodeJS.ProcessEnv = {}) {
  return $({
    quiet: true,
    nothrow: true,
    cwd: root,
    env: { ...process.env, ...env },
  })`${process.execPath} --import tsx scripts/check-notebooks.ts ${args}`;
}

async function hashFixtures(): Promise<string> {
  const hash = createHash("sha256");
  const entries = await readdir(fixtures, { withFileTypes: true, recursive: true });
  const files = entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
  for (const file of files.sort()) hash.update(file).update(await readFile(file));
  return hash.digest("hex");
}

describe("check-notebooks", function () {
  before(async function () {
    // These tests need the real Jupyter: fail loudly, never skip, when it is missing.
    await checkJupyter(["nbclient", "nbformat"]).catch((error: Error) => {
      throw new Error(`Jupyter is needed for the checker tests: ${error.message}`);
    });
  });

  describe("on the fixture notebooks", function () {
    let run: Awaited<ReturnType<typeof check>>;
    let original: string;
    let report: {
      results: { path: string; ok: boolean; cells: { index: number; status: string }[] }[];
    };
    let out: string;

    before(async function () {
      this.timeout(240_000);
      original = await hashFixtures();
      out = await mkdtemp(path.join(root, "test", ".tmp-out-"));
      const files = (await readdir(fixtures))
        .filter((f) => f.endsWith(".ipynb"))
        .map((f) => path.join("test/fixtures", f));
      run = await check([
        ...files,
        ...exerciseFixtures,
        "test/fixtures/missing.ipynb",
        "--timeout",
        "5",
        "--jobs",
        "2",
        "--time-scale",
        "0.5",
        "--report",
        path.join(out, "report.json"),
        "--output-dir",
        out,
      ]);
      report = JSON.parse(await readFile(path.join(out, "report.json"), "utf8")) as typeof report;
    });
    after(async () => rm(out, { recursive: true, force: true }));

    it("passes notebooks with exercises as shipped: every check says 'not answered yet'", function () {
      const shipped = report.results.filter((r) => exerciseFixtures.includes(r.path));
      assert.deepEqual(
        shipped.map((r) => [r.path, r.ok]),
        exerciseFixtures.map((f) => [f, true]),
      );
    });

    it("exits 1 and ends with the passed/failed summary", function () {
      assert.equal(run.exitCode, 1, run.stdout + run.stderr);
      assert.match(
        run.stdout.trimEnd().split("\n").at(-1) ?? "",
        /^notebooks: 4 passed, 12 failed$/,
      );
    });

    const expectations: [string, RegExp][] = [
      [
        'throws.ipynb, cell 2 (throw new Error("boom in cell two");): the cell failed:',
        /Error: boom in cell two[\s\S]*1 later code cell\(s\) did not run/,
      ],
      [
        'type-error.ipynb, cell 1 (const n: number = "not a number";): the cell failed:',
        /1:7 - Type 'string' is not assignable to type 'number'/,
      ],
      [
        "unhandled-rejection.ipynb, cell 1 (async function fail(): Promise<void> {):",
        /UnhandledPromiseRejection: Error: nobody caught me/,
      ],
      [
        "stray-timer.ipynb, cell 2 (await new Promise((resolve) => setTimeout(resolve, 400));):",
        /UncaughtException: Error: stray timer/,
      ],
      [
        "after-last-cell.ipynb: after the last cell:",
        /UncaughtException: Error: fires after the notebook/,
      ],
      ["timeout.ipynb, cell 2 (await new Promise(() => {});):", /ran past the 5 s timeout/],
      ['aborted.ipynb, cell 2 (console.log("aborted by tslab");):', /the kernel answered 'abort'/],
      ["kernel-dies.ipynb, cell 2 (process.exit(3);):", /the kernel died/],
      ["not-json.ipynb:", /not valid JSON/],
      ["nbformat3.ipynb:", /not an nbformat 4 notebook/],
      ["wrong-kernel.ipynb:", /kernelspec is "python3", not "tslab"/],
      ["missing.ipynb:", /the file does not exist/],
    ];
    for (const [where, message] of expectations) {
      it(`reports ${where.split(/[,:]/)[0]} with its cell and error`, function () {
        const start = run.stdout.indexOf(`✘ test/fixtures/${where}`);
        assert.ok(start >= 0, `no failure line '${where}' in:\n${run.stdout}`);
        const block = run.stdout.slice(start).split("\n\n✘")[0] ?? "";
        assert.match(block, message);
      });
    }

    it("passes the clean notebook, including a cell tagged allow-unhandled", function () {
      assert.match(run.stdout, /^✔ test\/fixtures\/clean\.ipynb {2}5 cells/m);
      assert.match(run.stdout, /^✔ test\/fixtures\/run-alone\.ipynb/m);
    });

    it("runs a notebook marked run_alone after the others", function () {
      const lines = run.stdout.split("\n").filter((l) => /^[✔✘] \S+ {2}\d+ cells/.test(l));
      assert.match(lines.at(-1) ?? "", /run-alone\.ipynb/);
    });

    it("reports each cell's status in --report", function () {
      const aborted = report.results.find((r) => r.path.endsWith("aborted.ipynb"));
      assert.deepEqual(
        aborted?.cells.map((c) => c.status),
        ["error", "abort"],
      );
      assert.equal(report.results.find((r) => r.path.endsWith("clean.ipynb"))?.ok, true);
    });

    it("passes --time-scale to the kernel and writes executed copies to --output-dir", async function () {
      const copy = await readFile(path.join(out, "clean.ipynb"), "utf8");
      assert.match(copy, /time scale: 0\.5/);
      assert.ok(!copy.includes(root), "the executed copy contains the checkout's path");
    });

    it("never modifies the source notebooks", async function () {
      assert.equal(await hashFixtures(), original);
    });
  });

  describe("--write", function () {
    let dir: string;
    beforeEach(async () => {
      dir = await mkdtemp(path.join(root, "test", ".tmp-write-"));
      await cp(path.join(fixtures, "clean.ipynb"), path.join(dir, "clean.ipynb"));
      await cp(path.join(fixtures, "throws.ipynb"), path.join(dir, "throws.ipynb"));
    });
    afterEach(async () => rm(dir, { recursive: true, force: true }));

    it("stores outputs of passing notebooks at the real time scale, counts 1..n, no machine paths", async function () {
      const unchanged = await readFile(path.join(dir, "throws.ipynb"), "utf8");
      const run = await check([dir, "--write"]);
      assert.equal(run.exitCode, 1, run.stdout);
      const written = JSON.parse(await readFile(path.join(dir, "clean.ipynb"), "utf8")) as {
        cells: { cell_type: string; execution_count: number | null }[];
        metadata: { async_ts?: { ran_on?: { node?: string } } };
      };
      assert.equal(written.metadata.async_ts?.ran_on?.node, process.version, "ran_on.node");
      const counts = written.cells
        .filter((c) => c.cell_type === "code")
        .map((c) => c.execution_count);
      assert.deepEqual(counts, [1, 2, 3, 4, 5]);
      const text = JSON.stringify(written);
      assert.match(text, /answer = 42/);
      assert.match(text, /time scale: 1/);
      assert.ok(!text.includes(root));
      assert.equal(
        await readFile(path.join(dir, "throws.ipynb"), "utf8"),
        unchanged,
        "a failing notebook was written",
      );
      assert.deepEqual((await readdir(dir)).sort(), ["clean.ipynb", "throws.ipynb"]);
    });

    it("refuses a time scale other than 1", async function () {
      const run = await check([dir, "--write", "--time-scale", "0.1"]);
      assert.equal(run.exitCode, 2);
      assert.match(
        run.stderr,
        /--write stores outputs at the real time scale: drop --time-scale 0\.1/,
      );
    });
  });

  describe("--solutions", function () {
    const [solved, stubbed] = exerciseFixtures;

    it("passes a notebook whose solutions make every check print ✔, and fails one whose solution is its stub, naming the exercise", async function () {
      const run = await check([
        solved!,
        stubbed!,
        "--solutions",
        "--time-scale",
        "0.05",
        "--jobs",
        "2",
      ]);
      assert.equal(run.exitCode, 1, run.stdout + run.stderr);
      assert.match(run.stdout, /Each exercise cell is replaced by its solution's code/);
      assert.match(run.stdout, /✔ test\/fixtures\/exercises\/02-solved-by-its-solutions\.ipynb/);
      assert.match(
        run.stdout,
        /02-stub-as-solution\.ipynb, cell 4 .*exercise 1 with its solution in place: its check printed '✎/,
      );
      assert.match(run.stdout, /notebooks: 1 passed, 1 failed/);
    });

    it("refuses --write: solved copies are never stored", async function () {
      const run = await check([solved!, "--solutions", "--write"]);
      assert.equal(run.exitCode, 2);
      assert.match(run.stderr, /--solutions runs solved copies, which must never be stored/);
    });
  });

  describe("--solutions-too", function () {
    const [solved, stubbed] = exerciseFixtures;

    it("checks each exercise as shipped and then solved in one run, naming a solution that fails", async function () {
      const run = await check([solved!, stubbed!, "--solutions-too", "--time-scale", "0.05"]);
      assert.equal(run.exitCode, 1, run.stdout + run.stderr);
      assert.match(run.stdout, /checked as shipped, then again with its solution in place/);
      assert.match(run.stdout, /✔ test\/fixtures\/exercises\/02-solved-by-its-solutions\.ipynb/);
      assert.match(
        run.stdout,
        /02-stub-as-solution\.ipynb, cell 4 .*exercise 1 with its solution in place: its check printed '✎/,
      );
      assert.doesNotMatch(run.stdout, /as shipped \(unanswered\)/);
      assert.match(run.stdout, /notebooks: 1 passed, 1 failed/);
    });

    it("refuses --write and --solutions beside it", async function () {
      const write = await check([solved!, "--solutions-too", "--write"]);
      assert.equal(write.exitCode, 2);
      assert.match(write.stderr, /--solutions-too runs solved copies, which must never be stored/);
      const both = await check([solved!, "--solutions-too", "--solutions"]);
      assert.equal(both.exitCode, 2);
      assert.match(both.stderr, /--solutions and --solutions-too are two ways to run: pick one/);
    });
  });

  describe("arguments and prerequisites", function () {
    it("splits the list with --shard i/n", async function () {
      const run = await check([
        "test/fixtures/not-json.ipynb",
        "test/fixtures/wrong-kernel.ipynb",
        "--shard",
        "2/2",
      ]);
      assert.match(run.stdout, /wrong-kernel/);
      assert.doesNotMatch(run.stdout, /not-json/);
      assert.match(run.stdout, /notebooks: 0 passed, 1 failed/);
    });

    it("rejects a bad --jobs value by name", async function () {
      const run = await check(["--jobs", "0"]);
      assert.equal(run.exitCode, 2);
      assert.match(run.stderr, /--jobs must be a positive whole number, got '0'/);
    });

    it("says how to fix a missing Jupyter", async function () {
      const run = await check(["test/fixtures/clean.ipynb"], {
        ASYNC_TS_PYTHON: "/nonexistent/python3",
      });
      assert.equal(run.exitCode, 2);
      assert.match(
        run.stderr,
        /ASYNC_TS_PYTHON \(\/nonexistent\/python3\) does not run.*npm run setup/s,
      );
    });
  });
});
