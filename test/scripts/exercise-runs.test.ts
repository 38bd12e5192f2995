import assert from "node:assert/strict";
import {
  locateInOriginal,
  shippedCells,
  withSolutions,
  withSolutionsAfter,
} from "../../scripts/exercise-runs.ts";
import { md, nb, wellFormed } from "./cells.ts";

describe("withSolutions()", function () {
  it("replaces each exercise cell by its solution's code, and leaves the original alone", function () {
    const original = nb(wellFormed());
    const { notebook, failures } = withSolutions(original);
    assert.deepEqual(failures, []);
    assert.equal(notebook.cells[1]?.source, "const double = (n: number): number => n * 2;");
    assert.match(String(original.cells[1]?.source), /TODO/);
  });

  it("reports an exercise without a usable solution", function () {
    const cells = wellFormed();
    cells[2] = md("no solution here");
    assert.deepEqual(
      withSolutions(nb(cells)).failures.map((f) => f.message),
      ["exercise 1: no usable solution to run"],
    );
  });
});

describe("withSolutionsAfter()", function () {
  it("adds the solution and the checks again after an exercise's last check", function () {
    const original = nb(wellFormed());
    const { notebook, failures, runs } = withSolutionsAfter(original);
    assert.deepEqual(failures, []);
    const sources = notebook.cells.map((c) => String(c.source).split("\n")[0]);
    assert.deepEqual(sources.slice(3, 6), [
      'await checkCode("double()", tests);',
      "const double = (n: number): number => n * 2;",
      'await checkCode("double()", tests);',
    ]);
    assert.deepEqual(
      runs.map((r) => [r.shipped, r.solved]),
      [[[3], [5]]],
    );
    assert.deepEqual(
      notebook.cells[4]?.metadata?.tags,
      [],
      "the added solution is not an exercise",
    );
    assert.deepEqual(notebook.cells[5]?.outputs, []);
    assert.equal(original.cells.length, 5);
  });

  it("adds nothing for an exercise without a usable solution, and reports it", function () {
    const cells = wellFormed();
    cells[2] = md("no solution here");
    const { notebook, failures } = withSolutionsAfter(nb(cells));
    assert.equal(notebook.cells.length, 5);
    assert.deepEqual(
      failures.map((f) => f.message),
      ["exercise 1: no usable solution to run"],
    );
  });
});

describe("locateInOriginal() and shippedCells()", function () {
  const original = nb(wellFormed());
  const { notebook: copy } = withSolutionsAfter(original);

  it("numbers a failure by the original cell, and says when it ran with the solution", function () {
    const located = locateInOriginal(
      [
        { cell: 4, message: "shipped check failed" },
        { cell: 6, message: "the cell failed" },
        { message: "after the last cell" },
      ],
      copy,
      original,
    );
    assert.deepEqual(located, [
      {
        cell: 4,
        firstLine: 'await checkCode("double()", tests);',
        message: "shipped check failed",
      },
      {
        cell: 4,
        firstLine: 'await checkCode("double()", tests);',
        message: "run again with the solution in place: the cell failed",
      },
      { message: "after the last cell" },
    ]);
  });

  it("leaves out the added cells", function () {
    assert.deepEqual(shippedCells(copy).cells, original.cells);
  });
});
