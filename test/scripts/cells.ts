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
