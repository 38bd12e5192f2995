// The timeline's data and layout: the Span type, row layout, colours and axis steps.
// The renderers import this module; the Timeline class imports the renderers; nothing imports back.

/** How a span ended. `running` means it has not ended yet. */
export type SpanStatus = "ok" | "error" | "retry" | "cancelled";

/** One recorded piece of work. Times are real milliseconds since the timeline was created. */
export interface Span {
  readonly name: string;
  readonly lane: string | undefined;
  start: number;
  end: number | undefined;
  status: SpanStatus | "running";
}

/** One chart row: a label (empty when rows are packed) and the spans drawn on it. */
export interface Row {
  label: string;
  spans: Readonly<Span>[];
}

/**
 * Lanes become rows; without lanes each span gets its own row while there are few, and
 * spans are packed greedily (first row that is free) when there are many.
 */
export function layoutRows(spans: readonly Readonly<Span>[], maxRows: number): Row[] {
  if (spans.some((s) => s.lane !== undefined)) {
    const byLane = new Map<string, Row>();
    for (const span of spans) {
      const lane = span.lane ?? "(no lane)";
      let row = byLane.get(lane);
      if (row === undefined) byLane.set(lane, (row = { label: lane, spans: [] }));
      row.spans.push(span);
    }
    return [...byLane.values()];
  }
  if (spans.length <= maxRows) return spans.map((s) => ({ label: s.name, spans: [s] }));
  const rows: Row[] = [];
  const freeAt: number[] = [];
  for (const span of [...spans].sort((a, b) => a.start - b.start)) {
    let index = freeAt.findIndex((t) => t <= span.start);
    if (index === -1) {
      index = rows.length;
      rows.push({ label: "", spans: [] });
    }
    rows[index]?.spans.push(span);
    freeAt[index] = span.end ?? Infinity;
  }
  return rows;
}

/** Ten colours that stay apart from the status colours (red, orange, grey). */
export const PALETTE = [
  "#4e79a7",
  "#59a14f",
  "#b07aa1",
  "#76b7b2",
  "#edc948",
  "#9c755f",
  "#ff9da7",
  "#1f4e79",
  "#8cd17d",
  "#a0cbe8",
];

export const STATUS_COLOURS: Record<string, string> = {
  error: "#d62728",
  retry: "#f28e2b",
  cancelled: "#9e9e9e",
};

/** Spans named "request 1", "request 2" ... share a colour, so statuses and names stand out. */
export function colourKey(name: string): string {
  return name.replace(/[\s#_-]*\d+$/, "") || name;
}

/** Dark text on light fills, white on dark ones. */
export function textColourOn(fill: string): string {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(fill.slice(i, i + 2), 16) / 255);
  return 0.299 * r! + 0.587 * g! + 0.114 * b! > 0.6 ? "#222222" : "#ffffff";
}

/** Where the chart's time axis starts: the first span, so set-up before it is not drawn. */
export function axisStart(spans: readonly Readonly<Span>[]): number {
  return spans.length === 0 ? 0 : Math.min(...spans.map((s) => s.start));
}

/** A round tick step (1, 2 or 5 times a power of ten) giving at most about `count` ticks. */
export function tickStep(total: number, count: number): number {
  const raw = total / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) if (m * power >= raw) return m * power;
  return 10 * power;
}

/** Cuts `text` to `max` characters, ending with an ellipsis when it was longer. */
export function elide(text: string, max: number): string {
  if (max <= 0) return "";
  return text.length <= max ? text : text.slice(0, Math.max(0, max - 1)) + "…";
}

/** Formats guide seconds with just enough decimals for the chart's span. */
export function formatSeconds(seconds: number, step: number): string {
  const decimals = Math.max(0, Math.min(3, -Math.floor(Math.log10(step))));
  return `${seconds.toFixed(decimals)} s`;
}
