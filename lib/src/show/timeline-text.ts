// Internal: draws timeline spans as text bars, for terminals and logs outside a kernel.
import * as L from "./timeline-layout.js";
import type { Span } from "./timeline-layout.js";

/** Options for the text chart. */
export interface TextOptions {
  /** Width of the bar area in characters (default 60). */
  width?: number;
  /** A heading above the chart. */
  title?: string | undefined;
}

const BAR_CHARS: Record<string, string> = {
  ok: "#",
  error: "x",
  retry: "~",
  cancelled: "-",
  running: ">",
};

export function renderTimelineText(
  spans: readonly Readonly<Span>[],
  nowMs: number,
  scale: number,
  options: TextOptions,
): string {
  const width = options.width ?? 60;
  const rows = L.layoutRows(spans, 40);
  const labelW = Math.min(20, Math.max(0, ...rows.map((r) => r.label.length)));
  const t0 = L.axisStart(spans);
  const toSeconds = (ms: number): number => (ms - t0) / scale / 1000;
  const total = Math.max(1e-3, ...spans.map((s) => toSeconds(s.end ?? nowMs)));
  const col = (ms: number): number => Math.round((toSeconds(ms) / total) * width);
  const lines: string[] = [];
  if (options.title !== undefined) lines.push(options.title);
  for (const row of rows) {
    const cells = Array.from({ length: width }, () => " ");
    for (const span of row.spans) {
      const from = Math.min(width - 1, col(span.start));
      const to = Math.max(from + 1, col(span.end ?? nowMs));
      for (let c = from; c < to && c < width; c++) cells[c] = BAR_CHARS[span.status] ?? "#";
    }
    lines.push(`${L.elide(row.label, labelW).padEnd(labelW)} |${cells.join("")}|`);
  }
  const end = L.formatSeconds(total, L.tickStep(total, 8));
  lines.push(`${"".padEnd(labelW)} 0 s${end.padStart(width - 1)}`);
  const used = Object.entries(BAR_CHARS).filter(([s]) => spans.some((p) => p.status === s));
  lines.push(`${"".padEnd(labelW)} ${used.map(([s, c]) => `${c} ${s}`).join("  ")}`);
  return lines.join("\n");
}
