import { escapeXml } from "./display.js";
import { showPicture } from "./picture.js";
import { elide, PALETTE } from "./timeline-layout.js";

/** One bar: a label and a non-negative value. */
export interface Bar {
  label: string;
  value: number;
}

/** Options for {@link barChart}. */
export interface BarChartOptions {
  title?: string;
  /** Appended to each value, e.g. "×" or " s". */
  unit?: string;
  /** Width in pixels of the SVG (default 600) or characters of the text bars (default 40). */
  width?: number;
}

function check(bars: readonly Bar[]): void {
  if (!Array.isArray(bars) || bars.length === 0) {
    throw new TypeError(`Cannot draw bar chart: 'bars' must be a non-empty array`);
  }
  for (const bar of bars as readonly (Bar | undefined)[]) {
    if (bar === undefined || !Number.isFinite(bar.value) || bar.value < 0) {
      throw new RangeError(
        `Cannot draw bar chart: bar '${bar?.label}' needs a value >= 0, got ${bar?.value}`,
      );
    }
  }
}

/**
 * Draws horizontal bars (e.g. speedups) as SVG and as text.
 * @param bars The bars, drawn top to bottom.
 * @param options `title`, `unit`, `width`.
 * @returns `{ svg, text }`; the SVG is well-formed XML.
 * @throws {TypeError} When `bars` is empty; {RangeError} when a value is negative.
 * @example
 * ```ts
 * formatBarChart([{ label: "1 thread", value: 1 }, { label: "2 threads", value: 1.9 }]).text;
 * ```
 */
export function formatBarChart(
  bars: readonly Bar[],
  options: BarChartOptions = {},
): { svg: string; text: string } {
  check(bars);
  const { title, unit = "" } = options;
  const max = Math.max(...bars.map((b) => b.value)) || 1;
  const fmt = (v: number): string => `${Number.isInteger(v) ? v : v.toFixed(2)}${unit}`;
  const width = options.width ?? 600;
  const top = title === undefined ? 8 : 30;
  const labelW = 130;
  const plotW = width - labelW - 70;
  const height = top + bars.length * 26 + 8;
  const svg = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" ` +
      `viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    title === undefined
      ? ""
      : `<text x="8" y="20" font-size="14" font-weight="bold">${escapeXml(title)}</text>`,
    ...bars.map((bar, i) => {
      const y = top + i * 26;
      const w = Math.max(1, (bar.value / max) * plotW);
      return (
        `<text x="${labelW - 6}" y="${y + 16}" text-anchor="end">${escapeXml(elide(bar.label, 18))}</text>` +
        `<rect x="${labelW}" y="${y + 3}" width="${w.toFixed(1)}" height="18" rx="2" fill="${PALETTE[i % PALETTE.length]}"/>` +
        `<text x="${(labelW + w + 6).toFixed(1)}" y="${y + 16}">${escapeXml(fmt(bar.value))}</text>`
      );
    }),
    "</svg>",
  ].join("\n");
  const textW = options.width ?? 40;
  const labelChars = Math.min(20, Math.max(...bars.map((b) => b.label.length)));
  const text = [
    ...(title === undefined ? [] : [title]),
    ...bars.map((bar) => {
      const n = Math.round((bar.value / max) * textW);
      return `${elide(bar.label, labelChars).padEnd(labelChars)} ${"#".repeat(n)} ${fmt(bar.value)}`;
    }),
  ].join("\n");
  return { svg, text };
}

/**
 * Shows a bar chart: an `<img>` of the SVG inside tslab (shown untrusted too), text bars elsewhere.
 * @param bars The bars, drawn top to bottom.
 * @param options `title`, `unit`, `width`.
 * @returns Nothing.
 * @throws {TypeError} When `bars` is empty; {RangeError} when a value is negative.
 * @example
 * ```ts
 * barChart([{ label: "serial", value: 1 }, { label: "pool", value: 1.93 }], { unit: "×" });
 * ```
 */
export function barChart(bars: readonly Bar[], options: BarChartOptions = {}): void {
  const { svg, text } = formatBarChart(bars, options);
  const values = bars.map((b) => `${b.label} ${b.value}${options.unit ?? ""}`).join(", ");
  showPicture(
    svg,
    `Bar chart${options.title === undefined ? "" : ` "${options.title}"`}: ${values}`,
    text,
  );
}
