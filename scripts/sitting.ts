// How long a notebook takes a learner, by the course's formula: the checker holds each notebook to
// it, and the contents show it.
import { EXERCISE_TAG } from "./exercises.ts";
import { text } from "./notebook-checks.ts";

/** A learner's time for a notebook, and what it is made of. */
export interface Sitting {
  minutes: number;
  words: number;
  codeCells: number;
  exercises: number;
}

/** The parts of a notebook the formula reads (both the checker's and the contents' types fit). */
interface Counted {
  cells: { cell_type: string; source: string | string[]; metadata?: { tags?: string[] } }[];
}

/**
 * A learner's time: prose words / 200 + code cells / 3 + 5 per cell tagged `exercise`, rounded
 * (the one-liner in the notebook conventions computes the same).
 * @param nb The notebook, as stored.
 * @returns The minutes and the counts they come from.
 */
export function sittingMinutes(nb: Counted): Sitting {
  const words = nb.cells
    .filter((c) => c.cell_type === "markdown")
    .reduce((n, c) => n + text(c.source).split(/\s+/).filter(Boolean).length, 0);
  const code = nb.cells.filter((c) => c.cell_type === "code");
  const exercises = code.filter((c) => (c.metadata?.tags ?? []).includes(EXERCISE_TAG)).length;
  const minutes = Math.round(words / 200 + code.length / 3 + 5 * exercises);
  return { minutes, words, codeCells: code.length, exercises };
}
