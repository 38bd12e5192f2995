// The solved runs of a notebook's exercises: copies with each solution in place of its stub, or
// after the checks as shipped, and failures in such a copy mapped back to the cells as stored.
import { cellAt, EXERCISE_TAG, findExercises, where, type Exercise } from "./exercises.ts";
import { firstLine, type Cell, type Failure, type Notebook } from "./notebook-checks.ts";

/**
 * Makes the solved copy of a notebook: each `exercise` cell's source becomes its solution's code.
 * @returns The copy, and a failure for each exercise without a usable solution.
 */
export function withSolutions(nb: Notebook): { notebook: Notebook; failures: Failure[] } {
  const copy = structuredClone(nb);
  const exercises = findExercises(nb);
  for (const ex of exercises) {
    if (ex.solution !== undefined) cellAt(copy, ex.cell).source = ex.solution;
  }
  return { notebook: copy, failures: missingSolutions(nb, exercises) };
}

/** A failure for each exercise whose solution cannot be run. */
function missingSolutions(nb: Notebook, exercises: Exercise[]): Failure[] {
  return exercises
    .filter((ex) => ex.solution === undefined)
    .map((ex) => ({ ...where(nb, ex), message: `exercise ${ex.name}: no usable solution to run` }));
}

/** Metadata key on the cells `withSolutionsAfter` adds: the 0-based index of the original cell. */
const COPY_OF = "solved_copy_of";

/**
 * Makes the shipped-then-solved copy of a notebook, for one kernel run that checks both: after each
 * exercise's last check cell come its solution (as a code cell) and its check cells again, as a
 * reader runs them after writing an answer.
 * @returns The copy, a failure for each exercise without a usable solution, and for each exercise
 *   the executed indexes of its checks as shipped and solved.
 */
export function withSolutionsAfter(nb: Notebook): {
  notebook: Notebook;
  failures: Failure[];
  runs: { exercise: Exercise; shipped: number[]; solved: number[] }[];
} {
  const exercises = findExercises(nb);
  const failures = missingSolutions(nb, exercises);
  const cells: Cell[] = [];
  const runs = exercises.map((exercise) => ({
    exercise,
    shipped: [] as number[],
    solved: [] as number[],
  }));
  const copy = (index: number, source?: string): Cell => {
    const cell = structuredClone(cellAt(nb, index));
    const tags = (cell.metadata?.tags ?? []).filter((t) => t !== EXERCISE_TAG);
    cell.metadata = { ...cell.metadata, tags, async_ts: { [COPY_OF]: index } };
    if (source !== undefined) cell.source = source;
    return { ...cell, outputs: [], execution_count: null };
  };
  nb.cells.forEach((cell, index) => {
    cells.push(structuredClone(cell));
    for (const run of runs) {
      const { exercise: ex } = run;
      if (ex.checkCells.includes(index)) run.shipped.push(cells.length - 1);
      const last = ex.checkCells.at(-1) ?? ex.cell + 1;
      if (index !== last || ex.solution === undefined) continue;
      cells.push(copy(ex.cell, ex.solution));
      for (const check of ex.checkCells) {
        cells.push(copy(check));
        run.solved.push(cells.length - 1);
      }
    }
  });
  return { notebook: { ...structuredClone(nb), cells }, failures, runs };
}

/** The notebook without the cells `withSolutionsAfter` added: what was shipped, as it ran. */
export function shippedCells(executed: Notebook): Notebook {
  const cells = executed.cells.filter((c) => c.metadata?.async_ts?.[COPY_OF] === undefined);
  return { ...executed, cells };
}

/**
 * Maps failures located in a `withSolutionsAfter` copy back to the original cells; a failure in
 * an added cell says it ran with the solution in place.
 * @param failures Failures whose `cell` numbers (1-based) count the copy's cells.
 * @param executed The executed copy.
 * @param original The notebook as stored.
 */
export function locateInOriginal(
  failures: Failure[],
  executed: Notebook,
  original: Notebook,
): Failure[] {
  const origin: number[] = [];
  let next = 0;
  for (const cell of executed.cells) {
    const copied = cell.metadata?.async_ts?.[COPY_OF];
    origin.push(typeof copied === "number" ? copied : next++);
  }
  return failures.map((f) => {
    if (f.cell === undefined) return f;
    const index = origin[f.cell - 1] ?? f.cell - 1;
    const copied = executed.cells[f.cell - 1]?.metadata?.async_ts?.[COPY_OF] !== undefined;
    return {
      cell: index + 1,
      firstLine: firstLine(cellAt(original, index)),
      message: copied ? `run again with the solution in place: ${f.message}` : f.message,
    };
  });
}
