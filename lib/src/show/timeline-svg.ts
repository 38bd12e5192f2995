// Internal: draws timeline spans as an SVG Gantt chart with a time axis in guide seconds.
import { escapeXml } from "./display.js";
import * as L from "./timeline-layout.js";
import type { Span } from "./timeline-layout.js";

/** Options for the SVG chart. */
export interface SvgOptions {
  /** Width in pixels (default 760). */
  width?: number;
  /** A heading above the chart. */
  title?: string | undefined;
}

const MAX_ROWS_ONE_PER_SPAN = 30;

export function renderTimelineSvg(
  spans: readonly Readonly<Span>[],
  nowMs: number,
  scale: number,
  options: SvgOptions,
): string {
  const width = options.width ?? 760;
  const rows = L.layoutRows(spans, MAX_ROWS_ONE_PER_SPAN);
  const hasLabels = rows.some((r) => r.label !== "");
  const labelW = hasLabels ? 150 : 10;
  const plotW = width - labelW - 20;
  const top = options.title === undefined ? 10 : 32;
  const rowH = Math.max(3, Math.min(26, Math.floor(520 / Math.max(1, rows.length))));
  const barH = Math.max(2, Math.round(rowH * 0.72));
  const height = top + rows.length * rowH + 36;
  const t0 = L.axisStart(spans);
  const toSeconds = (ms: number): number => (ms - t0) / scale / 1000;
  const total = Math.max(1e-3, ...spans.map((s) => toSeconds(s.end ?? nowMs)));
  const step = L.tickStep(total, 8);
  const x = (s: number): number => labelW + (s / total) * plotW;

  const colourOf = new Map<string, string>();
  const colour = (span: Readonly<Span>): string => {
    const status = L.STATUS_COLOURS[span.status];
    if (status !== undefined) return status;
    const key = L.colourKey(span.name);
    let c = colourOf.get(key);
    if (c === undefined) colourOf.set(key, (c = L.PALETTE[colourOf.size % L.PALETTE.length]!));
    return c;
  };

  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" ` +
      `viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
  ];
  if (options.title !== undefined) {
    out.push(
      `<text x="${labelW}" y="20" font-size="14" font-weight="bold">${escapeXml(options.title)}</text>`,
    );
  }
  const axisY = top + rows.length * rowH + 4;
  for (let t = 0; t <= total + step / 1000; t += step) {
    const tx = x(t).toFixed(1);
    out.push(
      `<line x1="${tx}" y1="${top}" x2="${tx}" y2="${axisY}" stroke="#e0e0e0"/>`,
      `<text x="${tx}" y="${axisY + 16}" text-anchor="middle" fill="#555">${L.formatSeconds(t, step)}</text>`,
    );
  }
  rows.forEach((row, i) => {
    const y = top + i * rowH;
    if (row.label !== "" && rowH >= 9) {
      const label = escapeXml(L.elide(row.label, Math.floor((labelW - 10) / 7)));
      out.push(`<text x="${labelW - 6}" y="${y + rowH / 2 + 4}" text-anchor="end">${label}</text>`);
    }
    for (const span of row.spans) {
      const x0 = x(toSeconds(span.start));
      const w = Math.max(1, x(toSeconds(span.end ?? nowMs)) - x0);
      const by = y + (rowH - barH) / 2;
      const tip =
        `${span.name}${span.lane === undefined ? "" : ` (${span.lane})`}: ` +
        `${toSeconds(span.start).toFixed(3)}–${toSeconds(span.end ?? nowMs).toFixed(3)} s, ${span.status}`;
      const dash = span.status === "running" ? ` stroke="#333" stroke-dasharray="3 2"` : "";
      const fill = colour(span);
      out.push(
        `<rect x="${x0.toFixed(1)}" y="${by.toFixed(1)}" width="${w.toFixed(1)}" height="${barH}" ` +
          `rx="2" fill="${fill}"${dash}><title>${escapeXml(tip)}</title></rect>`,
      );
      const fits = Math.floor((w - 6) / 6.5);
      // "request 173" in a narrow bar reads better as "173" than as "reque…".
      const digits = /\d+$/.exec(span.name)?.[0];
      const short = span.name.length > fits && digits !== undefined ? digits : span.name;
      const inside = L.elide(short, fits);
      if (row.label !== span.name && rowH >= 11 && inside.length >= 1) {
        out.push(
          `<text x="${(x0 + 3).toFixed(1)}" y="${(y + rowH / 2 + 4).toFixed(1)}" fill="${L.textColourOn(fill)}" ` +
            `font-size="11">${escapeXml(inside)}</text>`,
        );
      }
    }
  });
  out.push(legend(spans, width), "</svg>");
  return out.join("\n");
}

function legend(spans: readonly Readonly<Span>[], width: number): string {
  const present = Object.keys(L.STATUS_COLOURS).filter((s) => spans.some((p) => p.status === s));
  return present
    .map((status, i) => {
      const lx = width - 20 - (present.length - i) * 80;
      return (
        `<rect x="${lx}" y="6" width="10" height="10" fill="${L.STATUS_COLOURS[status]}"/>` +
        `<text x="${lx + 14}" y="15" font-size="11">${status}</text>`
      );
    })
    .join("\n");
}
