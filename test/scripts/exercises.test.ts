import assert from "node:assert/strict";
import {
  courseNumber,
  exerciseConventionFailures,
  findExercises,
  judgeChecks,
  judgeExercises,
} from "../../scripts/exercises.ts";
import type { Cell } from "../../scripts/notebook-checks.ts";
import { code, md, nb, solution, wellFormed } from "./cells.ts";

const messages = (cells: Cell[], file = "notebooks/02-event-loop.ipynb") =>
  exerciseConventionFailures(nb(cells), file).map((f) => f.message);

describe("findExercises()", function () {
  it("finds the tagged cell, its number, its solution's code and its check cells", function () {
    const [ex, ...rest] = findExercises(nb(wellFormed()));
    assert.deepEqual(rest, []);
    assert.deepEqual(ex, {
      cell: 1,
      name: "1",
      solution: "const double = (n: number): number => n * 2;",
      checkCells: [3],
    });
  });

  it("leaves the solution undefined when the next cell holds two fenced blocks", function () {
    const cells = wellFormed();
    cells[2] = md(
      "<details><summary>Solution</summary>\n\n```ts\na\n```\n\n```ts\nb\n```\n\nx\n\n</details>",
    );
    assert.equal(findExercises(nb(cells))[0]?.solution, undefined);
  });
});

describe("courseNumber()", function () {
  it("reads the two-digit prefix of a notebook file, and nothing else", function () {
    assert.deepEqual(
      ["notebooks/03-async-basics.ipynb", "00-index.ipynb", "test/fixtures/clean.ipynb"].map(
        courseNumber,
      ),
      [3, 0, undefined],
    );
  });
});

describe("exerciseConventionFailures()", function () {
  it("accepts a well-formed Exercises section", function () {
    assert.deepEqual(messages(wellFormed()), []);
  });

  it("fails an exercise cell that ships answered (no TODO stub)", function () {
    const cells = wellFormed();
    cells[1] = code("const double = (n: number): number => n * 2;", ["exercise"]);
    assert.deepEqual(messages(cells), [
      'exercise 1: it does not ship unanswered; use a TODO stub (`undefined, // TODO` or `throw new Error("TODO: …")`)',
    ]);
  });

  it("accepts an `undefined // TODO` stub", function () {
    const cells = wellFormed();
    cells[1] = code("const myAnswer = undefined; // TODO: seconds", ["exercise"]);
    assert.deepEqual(messages(cells), []);
  });

  it("fails a solution that is not in <details><summary>Solution</summary>", function () {
    const cells = wellFormed();
    cells[2] = md("**Solution**\n\n```ts\nconst double = (n: number) => n * 2;\n```");
    assert.deepEqual(messages(cells), [
      "exercise 1: the next cell must be markdown starting with '<details><summary>Solution</summary>'",
    ]);
  });

  it("fails a solution without sentences on why it works", function () {
    const cells = wellFormed();
    cells[2] = solution("const double = (n: number): number => n * 2;", "");
    assert.deepEqual(messages(cells), [
      "exercise 1: its solution needs a few sentences on why it works, after the code",
    ]);
  });

  it("fails a solution whose block is not ts", function () {
    const cells = wellFormed();
    cells[2] = md(
      "<details><summary>Solution</summary>\n\n```js\nconst double = (n) => n * 2;\n```\n\nIt doubles.\n\n</details>",
    );
    assert.deepEqual(messages(cells), [
      "exercise 1: its solution must hold exactly one ```ts block (found 1 fenced block(s))",
    ]);
  });

  it("counts tagged exercises and 'for thought' answers: fewer than 2 fails", function () {
    const cells = wellFormed();
    cells[4] = md("**2. For thought.** Why?\n\n## Further reading");
    assert.deepEqual(messages(cells), [
      "it has 1 exercise(s); every course notebook needs at least 2",
    ]);
  });

  it("asks every course notebook for a checkCode exercise, from 01 to 12, but not the index", function () {
    const cells = wellFormed();
    cells[3] = code('checkAnswer("x", myAnswer, 3);', undefined, "✎ x: not answered yet.");
    const want =
      "no exercise asks for code checked by checkCode(); every course notebook needs one";
    assert.deepEqual(messages(cells), [want]);
    assert.deepEqual(messages(cells, "notebooks/01-why-async.ipynb"), [want]);
    assert.deepEqual(messages(cells, "notebooks/12-performance-tips.ipynb"), [want]);
    assert.deepEqual(messages(cells, "notebooks/00-index.ipynb"), []);
  });

  it("fails a course notebook without an Exercises section", function () {
    assert.deepEqual(messages([md("## Summary")]), [
      "it has no '## Exercises' section",
      "it has 0 exercise(s); every course notebook needs at least 2",
      "no exercise asks for code checked by checkCode(); every course notebook needs one",
    ]);
  });

  it("fails a stored solved check (✔ after '## Exercises'), naming the cell", function () {
    const failures = exerciseConventionFailures(
      nb(wellFormed("✔ double(): all 1 test(s) pass")),
      "notebooks/02-event-loop.ipynb",
    );
    assert.deepEqual(failures, [
      {
        cell: 4,
        firstLine: 'await checkCode("double()", tests);',
        message:
          "the stored output shows a solved exercise ('✔ double(): all 1 test(s) pass'); store the outputs as shipped, with the TODO stubs",
      },
    ]);
  });
});

describe("judgeExercises()", function () {
  it("as shipped: accepts ✎, fails ✔", function () {
    assert.deepEqual(judgeExercises(nb(wellFormed()), false), []);
    const solved = judgeExercises(nb(wellFormed("✔ double(): all 1 test(s) pass")), false);
    assert.deepEqual(
      solved.map((f) => f.message),
      ["exercise 1 as shipped (unanswered): its check printed '✔ double(): all 1 test(s) pass'"],
    );
  });

  it("solved: accepts ✔ only; ✘ or ✎ fails, naming the exercise", function () {
    assert.deepEqual(judgeExercises(nb(wellFormed("✔ double(): all pass")), true), []);
    const wrong = judgeExercises(nb(wellFormed("✔ a\n✘ double(): 1 of 2 test(s) fail")), true);
    assert.deepEqual(
      wrong.map((f) => [f.cell, f.message]),
      [
        [
          2,
          "exercise 1 with its solution in place: its check printed '✘ double(): 1 of 2 test(s) fail'",
        ],
      ],
    );
  });

  it("fails a check that printed no mark at all", function () {
    const failures = judgeExercises(nb(wellFormed("done")), true);
    assert.match(failures[0]?.message ?? "", /no check after it printed ✔/);
  });
});

describe("judgeChecks()", function () {
  it("reads only the cells it is given, and names the exercise where it is stored", function () {
    const original = nb(wellFormed());
    const [ex] = findExercises(original);
    const cells = [...wellFormed(), code("check again", undefined, "✘ double(): 1 of 1 fail")];
    const executed = nb(cells);
    assert.deepEqual(judgeChecks(executed, [3], false, ex!, original), []);
    assert.deepEqual(
      judgeChecks(executed, [5], true, ex!, original).map((f) => [f.cell, f.message]),
      [[2, "exercise 1 with its solution in place: its check printed '✘ double(): 1 of 1 fail'"]],
    );
  });
});
