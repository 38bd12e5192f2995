// The Exercises conventions, as pure functions: find each exercise, check its shape, and judge
// what its check printed (exercise-runs.ts swaps in solutions). Tests feed them anything.
import { firstLine, text, type Cell, type Failure, type Notebook } from "./notebook-checks.ts";

/** Tag of the cell that holds the reader's answer. */
export const EXERCISE_TAG = "exercise";

const SOLUTION_START = "<details><summary>Solution</summary>";
const FENCE = /^```(\w*)[^\n]*\n([\s\S]*?)^```[ \t]*$/gm;
const STUB = [/\bundefined\b[^\n]*\/\/\s*TODO/, /throw new Error\(\s*["'`]TODO/];
const HEADING = /^## /m;
const EXERCISES_HEADING = /^## Exercises\b/m;

/** One exercise: its answer cell, its solution (when well formed) and the cells that check it. */
export interface Exercise {
  /** 0-based index of the cell tagged `exercise`. */
  cell: number;
  /** How the notebook numbers it ("2" from "**2. …"), else its position among tagged cells. */
  name: string;
  /** The solution's ts block, or undefined when the solution cell is missing or malformed. */
  solution?: string;
  /** 0-based indexes of the cells after the solution, up to the next exercise or heading. */
  checkCells: number[];
}

/** Marks a check prints at the start of a line: right, wrong, not answered yet. */
type Mark = "✔" | "✘" | "✎";

/** Where `## Exercises` starts (0-based cell index), or -1. */
export function exercisesStart(nb: Notebook): number {
  return nb.cells.findIndex(
    (c) => c.cell_type === "markdown" && EXERCISES_HEADING.test(text(c.source)),
  );
}

const EMPTY: Cell = { cell_type: "raw", source: "" };

export function cellAt(nb: Notebook, index: number): Cell {
  return nb.cells[index] ?? EMPTY;
}

function isExercise(cell: Cell): boolean {
  return (cell.metadata?.tags ?? []).includes(EXERCISE_TAG);
}

/** Finds every exercise cell, its solution and its check cells. */
export function findExercises(nb: Notebook): Exercise[] {
  const found: Exercise[] = [];
  nb.cells.forEach((cell, index) => {
    if (!isExercise(cell)) return;
    const next = cellAt(nb, index + 1);
    const fences = next?.cell_type === "markdown" ? solutionFences(text(next.source)) : [];
    const checkCells: number[] = [];
    for (let i = index + 2; i < nb.cells.length; i++) {
      const c = cellAt(nb, i);
      if (isExercise(c) || (c.cell_type === "markdown" && HEADING.test(text(c.source)))) break;
      if (c.cell_type === "code") checkCells.push(i);
    }
    found.push({
      cell: index,
      name: exerciseNumber(nb, index) ?? String(found.length + 1),
      solution: fences.length === 1 && fences[0]?.lang === "ts" ? fences[0].code : undefined,
      checkCells,
    });
  });
  return found;
}

function solutionFences(md: string): { lang: string; code: string }[] {
  if (!md.trim().startsWith(SOLUTION_START)) return [];
  return [...md.matchAll(FENCE)].map((m) => ({
    lang: m[1] ?? "",
    code: (m[2] ?? "").replace(/\n$/, ""),
  }));
}

/** The number in the nearest markdown cell above that starts an exercise ("**2. Fix …"). */
function exerciseNumber(nb: Notebook, index: number): string | undefined {
  for (let i = index - 1; i >= 0; i--) {
    const c = cellAt(nb, i);
    if (c.cell_type !== "markdown") continue;
    const numbers = [...text(c.source).matchAll(/^\*\*(\d+)\./gm)];
    if (numbers.length) return numbers.at(-1)?.[1];
    if (HEADING.test(text(c.source))) return undefined;
  }
  return undefined;
}

/** The course number of a notebook file ("03-async-basics.ipynb" is 3), or undefined. */
export function courseNumber(file: string): number | undefined {
  const m = /(?:^|[\\/])(\d{2})-[^\\/]*\.ipynb$/.exec(file);
  return m ? Number(m[1]) : undefined;
}

/** Where an exercise's failures point: its answer cell. */
export function where(nb: Notebook, ex: Exercise): Pick<Failure, "cell" | "firstLine"> {
  return { cell: ex.cell + 1, firstLine: firstLine(cellAt(nb, ex.cell)) };
}

/**
 * Checks the Exercises conventions on a notebook as stored: each `exercise` cell ships a TODO stub
 * and is followed by a well-formed solution; every course notebook has at least two exercises
 * (tagged cells plus "for thought" answers), one of them code checked with `checkCode`; and no
 * stored output after `## Exercises` shows a solved exercise (✔).
 * @param nb The notebook as read from disk.
 * @param file Its path, for the course number.
 * @returns Every failure found.
 */
export function exerciseConventionFailures(nb: Notebook, file: string): Failure[] {
  const failures: Failure[] = [];
  const exercises = findExercises(nb);
  for (const ex of exercises) {
    const cell = cellAt(nb, ex.cell);
    const label = `exercise ${ex.name}`;
    if (cell.cell_type !== "code") {
      failures.push({
        ...where(nb, ex),
        message: `${label}: the '${EXERCISE_TAG}' cell is not code`,
      });
      continue;
    }
    if (!STUB.some((re) => re.test(text(cell.source)))) {
      failures.push({
        ...where(nb, ex),
        message: `${label}: it does not ship unanswered; use a TODO stub (\`undefined, // TODO\` or \`throw new Error("TODO: …")\`)`,
      });
    }
    const problem = solutionProblem(cellAt(nb, ex.cell + 1));
    if (problem) failures.push({ ...where(nb, ex), message: `${label}: ${problem}` });
  }

  const n = courseNumber(file);
  const start = exercisesStart(nb);
  if (n !== undefined && n >= 1) {
    const thought = nb.cells
      .slice(Math.max(start, 0))
      .filter((c) => c.cell_type === "markdown")
      .map((c) => text(c.source).split("<summary>Answer</summary>").length - 1)
      .reduce((a, b) => a + b, 0);
    if (start < 0) failures.push({ message: "it has no '## Exercises' section" });
    if (exercises.length + thought < 2) {
      failures.push({
        message: `it has ${exercises.length + thought} exercise(s); every course notebook needs at least 2`,
      });
    }
    const coded = exercises.some((ex) =>
      ex.checkCells.some((i) => /\bcheckCode\(/.test(text(cellAt(nb, i).source))),
    );
    if (!coded) {
      failures.push({
        message:
          "no exercise asks for code checked by checkCode(); every course notebook needs one",
      });
    }
  }
  if (start >= 0) {
    for (const [index, line] of markedLines(nb, start, "✔")) {
      failures.push({
        cell: index + 1,
        firstLine: firstLine(cellAt(nb, index)),
        message: `the stored output shows a solved exercise ('${line}'); store the outputs as shipped, with the TODO stubs`,
      });
    }
  }
  return failures;
}

function solutionProblem(next: Cell | undefined): string | undefined {
  const md = next?.cell_type === "markdown" ? text(next.source).trim() : "";
  if (!md.startsWith(SOLUTION_START)) {
    return `the next cell must be markdown starting with '${SOLUTION_START}'`;
  }
  const fences = solutionFences(md);
  if (fences.length !== 1 || fences[0]?.lang !== "ts") {
    return `its solution must hold exactly one \`\`\`ts block (found ${fences.length} fenced block(s))`;
  }
  if (!md.endsWith("</details>")) return "its solution must end with '</details>'";
  const afterCode = md.slice(md.lastIndexOf("```") + 3, -"</details>".length);
  if (!afterCode.trim())
    return "its solution needs a few sentences on why it works, after the code";
  return undefined;
}

/** Lines starting with one of `marks` in the outputs of code cells from `from` on. */
function markedLines(nb: Notebook, from: number, ...marks: Mark[]): [number, string][] {
  const found: [number, string][] = [];
  nb.cells.forEach((cell, index) => {
    if (index < from) return;
    for (const line of outputText(cell).split("\n")) {
      if (marks.some((m) => line.startsWith(m))) found.push([index, line.slice(0, 70)]);
    }
  });
  return found;
}

function outputText(cell: Cell): string {
  return (cell.outputs ?? [])
    .map((o) =>
      o.output_type === "stream" ? text(o.text) : text(o.data?.["text/plain"] as string),
    )
    .join("\n");
}

/**
 * Judges what each exercise's check printed in an executed notebook.
 * @param executed The executed notebook (solved or as shipped).
 * @param solved `true` for a `--solutions` run: every check must print ✔ and no ✘ or ✎. `false`
 *   for a run as shipped: every check must print ✎ (not answered yet) and no ✔.
 * @returns A failure per exercise whose check printed the wrong thing.
 */
export function judgeExercises(executed: Notebook, solved: boolean): Failure[] {
  return findExercises(executed).flatMap((ex) =>
    judgeChecks(executed, ex.checkCells, solved, ex, executed),
  );
}

/**
 * Judges what the checks of one exercise printed.
 * @param executed The executed notebook.
 * @param checkCells 0-based indexes in `executed` of the check cells to read.
 * @param solved Whether they ran with the solution in place (✔ wanted) or as shipped (✎ wanted).
 * @param ex The exercise, located in `original` (the notebook as stored, for the message).
 * @returns One failure, or none.
 */
export function judgeChecks(
  executed: Notebook,
  checkCells: number[],
  solved: boolean,
  ex: Exercise,
  original: Notebook,
): Failure[] {
  const lines = checkCells.flatMap((i) =>
    outputText(cellAt(executed, i))
      .split("\n")
      .filter((l) => /^[✔✘✎]/.test(l)),
  );
  const want: Mark = solved ? "✔" : "✎";
  const bad = lines.find((l) => !l.startsWith(want));
  const state = solved ? "with its solution in place" : "as shipped (unanswered)";
  const message = bad
    ? `exercise ${ex.name} ${state}: its check printed '${bad.slice(0, 120)}'`
    : lines.length === 0
      ? `exercise ${ex.name} ${state}: no check after it printed ${want} (checks print ✔, ✘ or ✎ at the start of a line)`
      : undefined;
  return message ? [{ ...where(original, ex), message }] : [];
}
