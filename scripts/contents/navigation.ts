// The navigation links at the top and bottom of every numbered notebook.
import type { Entry } from "./entries.ts";
import { INDEX_NAME } from "./entries.ts";
import { splitLines, type Cell, type Notebook } from "./notebook-file.ts";
import { describeRanOn, readRanOn } from "../ran-on.ts";

const NAV_TAG = "navigation";
const NAV_IDS = { top: "nav-top", bottom: "nav-bottom" } as const;

/**
 * Returns a copy of the notebook with its navigation cells (second and last) rebuilt; the top one
 * also says what the stored outputs ran on, when `--write` recorded it.
 */
export function placeNavigation(
  nb: Notebook,
  previous: Entry | undefined,
  next: Entry | undefined,
): Notebook {
  const links = [
    previous === undefined ? undefined : `← [${previous.title}](${previous.file})`,
    `[Contents](${INDEX_NAME})`,
    next === undefined ? undefined : `[${next.title}](${next.file}) →`,
  ].filter((link) => link !== undefined);
  const text = links.join(" · ");
  const cells = nb.cells.filter((cell) => !isNavigation(cell));
  const ran = readRanOn(nb.metadata);
  const top = navigationCell(NAV_IDS.top, ran ? `${text}\n\n_${describeRanOn(ran)}_` : text);
  const bottom = navigationCell(NAV_IDS.bottom, text);
  return { ...nb, cells: [...cells.slice(0, 1), top, ...cells.slice(1), bottom] };
}

export function isNavigation(cell: Cell): boolean {
  return (
    cell.id === NAV_IDS.top ||
    cell.id === NAV_IDS.bottom ||
    (cell.metadata?.tags ?? []).includes(NAV_TAG)
  );
}

export function navigationCell(id: string, text: string): Cell {
  return { cell_type: "markdown", id, metadata: { tags: [NAV_TAG] }, source: splitLines(text) };
}
