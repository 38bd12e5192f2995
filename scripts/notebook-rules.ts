// The course notebooks' static rules (issue 22): one sitting of at most 30 minutes stated in the
// opening, short code cells, and every lib name introduced in prose before its first use.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { courseNumber, exerciseConventionFailures } from "./exercises.ts";
import { inlineCodeWords, readLibNames, typeOnlyExports } from "./lib-names.ts";
import { sittingMinutes } from "./sitting.ts";
import {
  firstLine,
  longLineFailures,
  parseNotebook,
  text,
  type Cell,
  type Failure,
  type Notebook,
} from "./notebook-checks.ts";

/** The longest sitting a notebook may take, in minutes by `sittingMinutes`. */
export const MAX_SITTING_MINUTES = 30;
/** How far the opening's stated time may be from the formula, as a share of the formula. */
export const TIME_TOLERANCE = 0.25;
/** The most lines a code cell may hold, blank lines and comments included. */
export const MAX_CODE_CELL_LINES = 12;

const RULE = {
  sitting: `rule: one sitting of at most ${MAX_SITTING_MINUTES} min`,
  stated: "rule: the opening states the time",
  short: `rule: code cells of at most ${MAX_CODE_CELL_LINES} lines`,
  libNames: "rule: lib names introduced before use",
};

/** The first "N min" (or "N minutes") in a text, or undefined. */
export function statedMinutes(source: string): number | undefined {
  const m = /(\d+)\s*min(?:ute)?s?\b/i.exec(source);
  return m ? Number(m[1]) : undefined;
}

function at(nb: Notebook, index: number): Pick<Failure, "cell" | "firstLine"> {
  return {
    cell: index + 1,
    firstLine: firstLine(nb.cells[index] ?? { cell_type: "", source: "" }),
  };
}

/**
 * Checks the sitting: the formula gives at most {@link MAX_SITTING_MINUTES}, and the first cell
 * states a time ("about N min") within {@link TIME_TOLERANCE} of it.
 * @returns Failures located at the opening cell.
 */
export function sittingFailures(nb: Notebook): Failure[] {
  const s = sittingMinutes(nb);
  const sum = `${s.words} words / 200 + ${s.codeCells} code cells / 3 + 5 × ${s.exercises} exercise(s)`;
  const failures: Failure[] = [];
  if (s.minutes > MAX_SITTING_MINUTES) {
    failures.push({
      ...at(nb, 0),
      message: `the notebook takes ${s.minutes} min (${sum}); split it or cut it to ${MAX_SITTING_MINUTES} (${RULE.sitting})`,
    });
  }
  const stated = statedMinutes(text(nb.cells[0]?.source));
  const [low, high] = [s.minutes * (1 - TIME_TOLERANCE), s.minutes * (1 + TIME_TOLERANCE)];
  if (stated === undefined) {
    failures.push({
      ...at(nb, 0),
      message: `the opening cell states no time; say "about ${s.minutes} min" (${sum}) (${RULE.stated})`,
    });
  } else if (stated < low || stated > high) {
    failures.push({
      ...at(nb, 0),
      message: `the opening says ${stated} min, the formula gives ${s.minutes} min (${sum}); state ${Math.ceil(low)} to ${Math.floor(high)} (${RULE.stated})`,
    });
  }
  return failures;
}

/** Lines of a code cell: every line counts, a final newline does not start another. */
export function codeLines(cell: Cell): number {
  const source = text(cell.source).replace(/\n$/, "");
  return source === "" ? 0 : source.split("\n").length;
}

/** A failure for each code cell over {@link MAX_CODE_CELL_LINES} lines. */
export function longCellFailures(nb: Notebook): Failure[] {
  return nb.cells.flatMap((cell, index) => {
    const lines = cell.cell_type === "code" ? codeLines(cell) : 0;
    if (lines <= MAX_CODE_CELL_LINES) return [];
    return [
      {
        ...at(nb, index),
        message: `the code cell has ${lines} lines; split it, or move its plumbing into lib (${RULE.short})`,
      },
    ];
  });
}

/**
 * Checks that every value name the notebook imports from the lib is named in inline code in a
 * markdown cell before the first code cell that uses it (the import cell when nothing else does),
 * or in `namedBefore` (what earlier notebooks name).
 * @param nb The notebook.
 * @param namedBefore Inline-code words of earlier notebooks' markdown cells.
 * @param typeOnly The lib's type-only exports, which need no introduction.
 * @returns One failure per code cell that uses names no prose has named yet.
 */
export function libNameFailures(
  nb: Notebook,
  namedBefore: ReadonlySet<string>,
  typeOnly: ReadonlySet<string>,
): Failure[] {
  const named = new Set(namedBefore);
  const cells = nb.cells.map((c) => (c.cell_type === "code" ? readLibNames(text(c.source)) : null));
  /** Imported, not yet used: exported name, and the cell that imported it. */
  const pending = new Map<string, { local: string; cell: number }>();
  const namespaces = new Set<string>();
  const early = new Map<number, Set<string>>();
  const used = new Set<string>();
  /** Judges a name's first use only: prose after it does not make it right. */
  const use = (index: number, name: string) => {
    pending.delete(name);
    if (used.has(name)) return;
    used.add(name);
    if (!named.has(name)) early.set(index, (early.get(index) ?? new Set()).add(name));
  };
  nb.cells.forEach((cell, index) => {
    const names = cells[index];
    if (!names) {
      if (cell.cell_type === "markdown")
        for (const w of inlineCodeWords(text(cell.source))) named.add(w);
      return;
    }
    for (const ns of names.namespaces) namespaces.add(ns);
    for (const i of names.imports) {
      if (!typeOnly.has(i.name) && !pending.has(i.name))
        pending.set(i.name, { local: i.local, cell: index });
    }
    for (const [name, { local }] of pending) if (names.identifiers.has(local)) use(index, name);
    for (const member of names.members) {
      const [object = "", name = ""] = member.split(".");
      if (namespaces.has(object) && !typeOnly.has(name)) use(index, name);
    }
  });
  for (const [name, { cell }] of pending) use(cell, name);
  return [...early.entries()]
    .sort(([a], [b]) => a - b)
    .map(([index, names]) => {
      const list = [...names].map((n) => `\`${n}\``).join(", ");
      const [verb, each] =
        names.size === 1
          ? ["is used before any prose names it", "it does"]
          : ["are used before any prose names them", "each does"];
      return {
        ...at(nb, index),
        message: `${list} ${verb}; say what ${each} in inline code in a markdown cell above (${RULE.libNames})`,
      };
    });
}

/**
 * Inline-code words in the markdown cells of the course notebooks numbered below `file`'s, in the
 * same folder; files that do not parse are left to their own check.
 */
export async function earlierNotebookNames(file: string): Promise<Set<string>> {
  const number = courseNumber(file) ?? 0;
  const dir = path.dirname(file);
  const names = new Set<string>();
  const files = (await readdir(dir).catch(() => [] as string[])).filter((f) => {
    const n = courseNumber(f);
    return n !== undefined && n >= 1 && n < number;
  });
  for (const f of files) {
    const { notebook } = parseNotebook(await readFile(path.join(dir, f), "utf8").catch(() => ""));
    for (const cell of notebook?.cells ?? []) {
      if (cell.cell_type === "markdown")
        for (const w of inlineCodeWords(text(cell.source))) names.add(w);
    }
  }
  return names;
}

/**
 * Every check a notebook gets from its file alone, before any kernel runs: the Exercises
 * conventions, and for a course notebook (NN-topic.ipynb, NN from 01) code lines within 100
 * characters, the sitting, short code cells and lib names introduced before use.
 * @param file The notebook's path (its number and folder matter).
 * @param nb The parsed notebook.
 * @param libTypes The lib's declarations entry, for its type-only exports.
 * @returns Every failure found, in cell order.
 */
export async function staticFailures(
  file: string,
  nb: Notebook,
  libTypes: string,
): Promise<Failure[]> {
  const failures = exerciseConventionFailures(nb, file);
  const n = courseNumber(file);
  if (n !== undefined) failures.push(...longLineFailures(nb));
  if (n !== undefined && n >= 1) {
    failures.push(...sittingFailures(nb), ...longCellFailures(nb));
    const before = await earlierNotebookNames(file);
    failures.push(...libNameFailures(nb, before, typeOnlyExports(libTypes)));
  }
  return failures.sort((a, b) => (a.cell ?? Infinity) - (b.cell ?? Infinity));
}
