// Read, compare and write nbformat 4 notebooks the way the contents script needs.
import { rename, writeFile } from "node:fs/promises";

/** The parts of an nbformat 4 notebook this script reads or writes. */
export interface Cell {
  cell_type: string;
  id?: string;
  metadata: { tags?: string[]; [key: string]: unknown };
  source: string | string[];
  [key: string]: unknown;
}
export interface Notebook {
  cells: Cell[];
  metadata: Record<string, unknown>;
  nbformat: number;
  nbformat_minor: number;
}

/** Splits text into nbformat's source lines: every line but the last keeps its "\n". */
export function splitLines(text: string): string[] {
  return text.split(/(?<=\n)/);
}

export function sourceText(cell: Cell): string {
  return Array.isArray(cell.source) ? cell.source.join("") : cell.source;
}

export function markdownCell(id: string, text: string): Cell {
  return { cell_type: "markdown", id, metadata: {}, source: splitLines(text) };
}

export function parseNotebook(text: string, file: string): Notebook {
  let nb: Notebook;
  try {
    nb = JSON.parse(text) as Notebook;
  } catch (error) {
    throw new Error(`Cannot build contents: ${file} is not JSON (${(error as Error).message})`, {
      cause: error,
    });
  }
  if (nb?.nbformat !== 4 || !Array.isArray(nb.cells)) {
    throw new Error(`Cannot build contents: ${file} is not an nbformat 4 notebook`);
  }
  return nb;
}

/** Cells compared by meaning: the same content whether `source` is a string or a list of lines. */
export function sameCells(a: readonly Cell[], b: readonly Cell[]): boolean {
  const normal = (cells: readonly Cell[]) =>
    JSON.stringify(cells.map((cell) => ({ ...cell, source: sourceText(cell) })));
  return normal(a) === normal(b);
}

export function sameNotebook(a: string, b: string): boolean {
  try {
    const [x, y] = [JSON.parse(a) as Notebook, JSON.parse(b) as Notebook];
    return (
      sameCells(x.cells, y.cells) &&
      JSON.stringify(x.metadata) === JSON.stringify(y.metadata) &&
      x.nbformat === y.nbformat &&
      x.nbformat_minor === y.nbformat_minor
    );
  } catch {
    return false;
  }
}

/** nbformat's own layout: one-space indent and a trailing newline. */
export function serialize(nb: Notebook): string {
  return JSON.stringify(nb, null, 1) + "\n";
}

/** Writes through a temporary file and a rename, so a reader never sees half a file. */
export async function writeAtomically(file: string, text: string): Promise<void> {
  const tmp = `${file}.tmp-${process.pid}`;
  await writeFile(tmp, text);
  await rename(tmp, file);
}
