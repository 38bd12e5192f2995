import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { root } from "../../scripts/jupyter-env.ts";
import {
  earlierNotebookNames,
  libNameFailures,
  longCellFailures,
  sittingFailures,
  statedMinutes,
  staticFailures,
} from "../../scripts/notebook-rules.ts";
import type { Cell } from "../../scripts/notebook-checks.ts";
import { sittingMinutes } from "../../scripts/sitting.ts";
import { code, lines, md, nb } from "./cells.ts";

const LIB_TYPES = path.join(root, "lib", "dist", "index.d.ts");
const words = (n: number) => Array.from({ length: n }, () => "word").join(" ");
const rule = (f: { message: string }) => /\(rule: ([^)]+)\)$/.exec(f.message)?.[1];

describe("sittingMinutes()", function () {
  it("adds prose words / 200, code cells / 3 and 5 per exercise cell, rounded", function () {
    const cells = [md(words(399)), md(`# T\n\n${words(199)}`), code("1"), code("2")];
    cells.push(code("undefined // TODO", ["exercise"]));
    // 600 words -> 3, 3 code cells -> 1, one exercise -> 5.
    assert.deepEqual(sittingMinutes(nb(cells)), {
      minutes: 9,
      words: 600,
      codeCells: 3,
      exercises: 1,
    });
  });
});

describe("statedMinutes()", function () {
  it("reads the first 'N min' or 'N minutes', and nothing when none is there", function () {
    assert.equal(statedMinutes("**Time:** about 20 minutes, then 5 min more"), 20);
    assert.equal(statedMinutes("About 12 min."), 12);
    assert.equal(statedMinutes("3 minutes 2 sections"), 3);
    assert.equal(statedMinutes("a minimal notebook, 10 mins"), 10);
    assert.equal(statedMinutes("no time here, minimal"), undefined);
  });
});

describe("sittingFailures()", function () {
  // 1600 words -> 8 min: the window is 6 to 10.
  const course = (opening: string) => nb([md(`# 1. T\n\n${opening}`), md(words(1600 - 4))]);

  it("accepts a stated time within 25% of the formula, either side", function () {
    for (const stated of [6, 8, 10]) {
      assert.deepEqual(sittingFailures(course(`About ${stated} min.`)), [], `${stated} min`);
    }
  });

  it("fails a time outside the window at the opening cell, naming both times and the rule", function () {
    const [failure, ...rest] = sittingFailures(course("About 11 min."));
    assert.deepEqual(rest, []);
    assert.equal(failure?.cell, 1);
    assert.match(failure?.message ?? "", /the opening says 11 min, the formula gives 8 min/);
    assert.match(failure?.message ?? "", /state 6 to 10/);
    assert.equal(rule(failure), "the opening states the time");
  });

  it("fails an opening with no time, suggesting the formula's", function () {
    const [failure] = sittingFailures(course("No time said."));
    assert.match(failure?.message ?? "", /the opening cell states no time; say "about 8 min"/);
  });

  it("fails a notebook the formula puts over 30 minutes, whatever its opening says", function () {
    const long = nb([md("# 1. T\n\nAbout 32 min."), md(words(6400))]);
    const failures = sittingFailures(long);
    assert.equal(failures.length, 1);
    assert.match(failures[0]!.message, /takes 32 min \(6406 words \/ 200/);
    assert.equal(rule(failures[0]!), "one sitting of at most 30 min");
  });
});

describe("longCellFailures()", function () {
  it("allows 12 lines and fails 13, counting blank lines but not a final newline", function () {
    const cells: Cell[] = [md("# T"), code(`${lines(12)}\n`), code(`${lines(6)}\n\n${lines(6)}`)];
    const failures = longCellFailures(nb(cells));
    assert.deepEqual(
      failures.map((f) => [f.cell, f.message.split(";")[0]]),
      [[3, "the code cell has 13 lines"]],
    );
    assert.equal(rule(failures[0]!), "code cells of at most 12 lines");
  });
});

describe("libNameFailures()", function () {
  const imports = 'import { measure, sleep } from "@async-ts/lib";';
  const judge = (cells: Cell[], before: string[] = [], typeOnly: string[] = []) =>
    libNameFailures(nb(cells), new Set(before), new Set(typeOnly)).map((f) => [f.cell, f.message]);

  it("passes names put in inline code in a markdown cell above their first use", function () {
    const cells = [
      code(imports),
      md("`measure(fn)` times a call and `sleep(ms)` waits."),
      code("await measure(() => sleep(10));"),
    ];
    assert.deepEqual(judge(cells), []);
  });

  it("fails at the first cell that uses a name named only below it, once per name", function () {
    const cells = [
      code(imports),
      md("`sleep(ms)` waits."),
      code("await measure(() => sleep(10));"),
      md("`measure` times a call."),
      code("await measure(() => sleep(10));"),
    ];
    assert.deepEqual(judge(cells), [
      [
        3,
        "`measure` is used before any prose names it; say what it does in inline code in a markdown cell above (rule: lib names introduced before use)",
      ],
    ]);
  });

  it("does not count plain words, fenced code, or the name as a member of something else", function () {
    const cells = [
      code(imports),
      md("We measure and sleep.\n\n```ts\nmeasure(fn)\n```"),
      code("const t = { measure: 1 }; t.measure; console.log(t.sleep);"),
      code("await sleep(1); await measure(() => 1);"),
    ];
    assert.deepEqual(
      judge(cells).map(([cell]) => cell),
      [4],
    );
    assert.match(String(judge(cells)[0]?.[1]), /^`measure`, `sleep` are used before any prose/);
  });

  it("accepts names that earlier notebooks named", function () {
    assert.deepEqual(
      judge([code(imports), code("await measure(() => sleep(1));")], ["measure", "sleep"]),
      [],
    );
  });

  it("leaves types aside: import type, type specifiers, and the lib's type-only exports", function () {
    const cells = [
      code('import type { Measured } from "@async-ts/lib";'),
      code('import { type AttemptInfo, LimiterOptions } from "@async-ts/lib";'),
      code("let a: AttemptInfo | Measured | LimiterOptions | undefined;"),
    ];
    assert.deepEqual(judge(cells, [], ["LimiterOptions"]), []);
  });

  it("follows a renamed import and a namespace import to the lib's own name", function () {
    const cells = [
      code('import { measure as m } from "@async-ts/lib";\nimport * as lib from "@async-ts/lib";'),
      code("await m(() => lib.sleep(1));"),
    ];
    assert.deepEqual(
      judge(cells).map(([, message]) => String(message).split(" are")[0]),
      ["`measure`, `sleep`"],
    );
  });

  it("fails an imported name never used at its import cell, and ignores other packages", function () {
    const cells = [
      code('import { sleep } from "@async-ts/lib";\nimport { measure } from "other";'),
      code("measure();"),
    ];
    assert.deepEqual(
      judge(cells).map(([cell, message]) => [cell, String(message).split(" is")[0]]),
      [[1, "`sleep`"]],
    );
  });
});

describe("earlierNotebookNames() and staticFailures()", function () {
  let dir: string;
  const file = (name: string, cells: Cell[]) =>
    writeFile(path.join(dir, name), JSON.stringify(nb(cells)));

  before(async function () {
    dir = await mkdtemp(path.join(os.tmpdir(), "notebook-rules-"));
    await file("00-index.ipynb", [md("`sleep` in the index")]);
    await file("01-first.ipynb", [md("# 1. First\n\nAbout 1 min. `measure(fn)` times a call.")]);
    await file("02-second.ipynb", [md("`limiter` comes later."), code(lines(13))]);
    await file("03-third.ipynb", [
      md("# 3. Third\n\nAbout 1 min."),
      code('import { measure, sleep } from "@async-ts/lib";\nawait measure(() => sleep(1));'),
    ]);
    await writeFile(path.join(dir, "04-broken.ipynb"), "not json");
  });
  after(async () => rm(dir, { recursive: true, force: true }));

  it("collects inline-code words of course notebooks numbered below, from disk", async function () {
    const names = await earlierNotebookNames(path.join(dir, "03-third.ipynb"));
    assert.ok(names.has("measure") && names.has("limiter"));
    assert.ok(!names.has("sleep"), "00-index is not a course notebook");
    assert.ok(!(await earlierNotebookNames(path.join(dir, "02-second.ipynb"))).has("limiter"));
  });

  it("runs every course rule on a course notebook, naming cell and rule", async function () {
    const third = nb([
      md("# 3. Third\n\nAbout 1 min."),
      code('import { measure, sleep } from "@async-ts/lib";\nawait measure(() => sleep(1));'),
      code(lines(13)),
    ]);
    const failures = await staticFailures(path.join(dir, "03-third.ipynb"), third, LIB_TYPES);
    // The Exercises conventions (no exercises here) fail it too, with no rule label.
    assert.deepEqual(
      failures.filter(rule).map((f) => [f.cell, rule(f)]),
      [
        [2, "lib names introduced before use"],
        [3, "code cells of at most 12 lines"],
      ],
    );
    assert.match(failures.find(rule)!.message, /^`sleep` is used/);
  });

  it("leaves the index and notebooks outside the course to the other checks", async function () {
    const bare = nb([code(`import { sleep } from "@async-ts/lib";\n${lines(20)}`)]);
    for (const name of ["00-index.ipynb", "clean.ipynb"]) {
      assert.deepEqual(await staticFailures(path.join(dir, name), bare, LIB_TYPES), [], name);
    }
  });

  it("says to build the lib when its declarations are missing", async function () {
    await assert.rejects(
      staticFailures(
        path.join(dir, "03-third.ipynb"),
        nb([md("About 0 min")]),
        "/nonexistent/index.d.ts",
      ),
      /index\.d\.ts is missing: run `npm run build`/,
    );
  });
});
