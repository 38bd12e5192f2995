// Small builders for notebooks in memory, shared by the tests of the notebook checks.
import type { Cell, Notebook } from "../../scripts/notebook-checks.ts";

export const md = (source: string): Cell => ({ cell_type: "markdown", source, metadata: {} });

export const code = (source: string, tags?: string[], printed?: string): Cell => ({
  cell_type: "code",
  source,
  metadata: tags ? { tags } : {},
  execution_count: null,
  outputs: printed ? [{ output_type: "stream", name: "stdout", text: printed }] : [],
});

export const nb = (cells: Cell[]): Notebook => ({
  cells,
  metadata: { kernelspec: { name: "tslab" } },
  nbformat: 4,
  nbformat_minor: 5,
});

/** `n` numbered lines of code, e.g. for a cell of a given length. */
export const lines = (n: number): string =>
  Array.from({ length: n }, (_, i) => `const x${i} = ${i};`).join("\n");

/** A markdown cell holding an exercise's solution, as the Exercises conventions want it. */
export const solution = (ts: string, why = "It doubles."): Cell =>
  md(`<details><summary>Solution</summary>\n\n\`\`\`ts\n${ts}\n\`\`\`\n\n${why}\n\n</details>`);

/** A notebook's exercises: one code exercise and one "for thought" question, well formed. */
export function wellFormed(checkPrinted = "✎ double(): not answered yet."): Cell[] {
  return [
    md("## Summary\n\n- things\n\n## Exercises\n\n**1. Write it.** Write `double`."),
    code('const double = (n: number): number => {\n  throw new Error("TODO: double it");\n};', [
      "exercise",
    ]),
    solution("const double = (n: number): number => n * 2;"),
    code('await checkCode("double()", tests);', undefined, checkPrinted),
    md(
      "**2. For thought.** Why?\n\n<details><summary>Answer</summary>\n\nBecause.\n\n</details>\n\n## Further reading",
    ),
  ];
}
