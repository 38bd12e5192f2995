import { escapeXml, showRich } from "./display.js";

/** A table row: column name to value. Columns come from the first row's keys, then new ones. */
export type TableRow = Record<string, unknown>;

function columnsOf(rows: readonly TableRow[]): string[] {
  const columns = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) columns.add(key);
  return [...columns];
}

function cell(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "number") return Number.isInteger(value) ? String(value) : value.toFixed(3);
  return typeof value === "string" ? value : JSON.stringify(value);
}

/**
 * Renders rows as an HTML table and as aligned text.
 * @param rows The rows; numbers are right-aligned, non-integers shown with 3 decimals.
 * @returns `{ html, text }`.
 * @throws {TypeError} When `rows` is not an array of objects.
 * @example
 * ```ts
 * formatTable([{ task: "A", seconds: 3 }]).text; // "task | seconds\n-----|--------\nA    |       3"
 * ```
 */
export function formatTable(rows: readonly TableRow[]): { html: string; text: string } {
  if (!Array.isArray(rows) || rows.some((r) => typeof r !== "object" || r === null)) {
    throw new TypeError(`Cannot format table: 'rows' must be an array of objects`);
  }
  const list: readonly TableRow[] = rows;
  const columns = columnsOf(list);
  const numeric = columns.map((c) => list.every((r) => r[c] == null || typeof r[c] === "number"));
  const cells = list.map((r) => columns.map((c) => cell(r[c])));
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((row) => row[i]!.length)));
  const pad = (text: string, i: number): string =>
    numeric[i] ? text.padStart(widths[i]!) : text.padEnd(widths[i]!);
  const text = [
    columns.map(pad).join(" | ").trimEnd(),
    widths.map((w) => "-".repeat(w)).join("-|-"),
    ...cells.map((row) => row.map(pad).join(" | ").trimEnd()),
  ].join("\n");
  const align = (i: number): string => (numeric[i] ? ` style="text-align:right"` : "");
  const html =
    `<table><thead><tr>${columns.map((c, i) => `<th${align(i)}>${escapeXml(c)}</th>`).join("")}` +
    `</tr></thead><tbody>` +
    cells
      .map((row) => `<tr>${row.map((v, i) => `<td${align(i)}>${escapeXml(v)}</td>`).join("")}</tr>`)
      .join("") +
    `</tbody></table>`;
  return { html, text };
}

/**
 * Shows rows as a table: HTML inside tslab, aligned text elsewhere.
 * @param rows The rows to show.
 * @returns Nothing.
 * @throws {TypeError} When `rows` is not an array of objects.
 * @example
 * ```ts
 * table([{ approach: "sequential", seconds: 5.01 }, { approach: "concurrent", seconds: 3.0 }]);
 * ```
 */
export function table(rows: readonly TableRow[]): void {
  const { html, text } = formatTable(rows);
  showRich(html, text);
}
