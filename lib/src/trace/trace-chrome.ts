// Internal: the parts of the loop-trace picture that do not change from frame to frame: the
// column geometry, the column stripes, the header (title, logs, legend, column heads) and the
// bands that start each loop iteration. The filmstrip and the animation both draw them.
import type { TraceData, TraceStep } from "./trace-types.js";
import { escapeXml } from "../show/display.js";
import { elide } from "../show/timeline-layout.js";
import type { FrameGeometry } from "./trace-frame.js";
import { KIND_SWATCH, MONO, QUEUES } from "./trace-style.js";

/** Where the first frame (or its iteration band) starts. */
export const HEADER_H = 156;

// Queues the trace never uses get a narrow column, so the busy ones have room for their labels.
export function geometry(width: number, trace: TraceData): FrameGeometry {
  const stackX = 64;
  const stackW = Math.round(Math.min(260, width * 0.24));
  const first = stackX + stackW + 14;
  const used = QUEUES.map(({ queue }) => trace.queued.some((e) => e.queue === queue));
  const narrow = 100;
  const free = width - first - 8 - narrow * used.filter((u) => !u).length;
  const wide = used.some((u) => u) ? free / used.filter((u) => u).length : narrow;
  const queueW = used.map((u) => Math.floor(u ? wide : narrow));
  const queueX: number[] = [];
  queueW.reduce((x, w) => (queueX.push(Math.round(x)), x + w), first);
  return { stackX, stackW, queueX, queueW, width };
}

// Faint column stripes in each queue's colour, from the column heads to the bottom, so a
// callback waiting for several steps is seen moving down its column.
export function columns(g: FrameGeometry, height: number): string[] {
  const top = HEADER_H - 56;
  const out = [
    `<rect x="${g.stackX - 4}" y="${top}" width="${g.stackW + 8}" height="${height - top - 6}" fill="#f6f7f9"/>`,
  ];
  QUEUES.forEach(({ kind }, i) => {
    out.push(
      `<rect x="${g.queueX[i]! + 2}" y="${top}" width="${g.queueW[i]! - 4}" height="${height - top - 6}" fill="${KIND_SWATCH[kind].light}" fill-opacity="0.45"/>`,
    );
  });
  return out;
}

export function header(trace: TraceData, title: string | undefined, g: FrameGeometry): string[] {
  const heading = title === undefined ? "Event loop trace" : `Event loop trace: ${title}`;
  const order = trace.logs.length === 0 ? "(nothing logged)" : trace.logs.join(" → ");
  const out = [
    `<text x="14" y="24" font-size="16" font-weight="bold" fill="#1d1d1d">${escapeXml(heading)}</text>`,
    `<text x="14" y="43" font-size="12" fill="#333"><tspan font-weight="bold">logs in order: </tspan><tspan font-family="${MONO}">${escapeXml(elide(order, Math.floor((g.width - 130) / 7)))}</tspan></text>`,
    ...legend(),
  ];
  const headY = HEADER_H - 56;
  out.push(
    `<text x="${g.stackX + 6}" y="${headY + 17}" font-weight="bold" font-size="12.5" fill="#2b3038">call stack</text>`,
    `<text x="${g.stackX + 6}" y="${headY + 32}" font-size="10.5" fill="#555">the callback running now</text>`,
    `<text x="14" y="${headY + 17}" font-weight="bold" font-size="12.5" fill="#2b3038">step</text>`,
  );
  QUEUES.forEach(({ kind, title: name, feeds }, i) => {
    const s = KIND_SWATCH[kind];
    const x = g.queueX[i]! + 2;
    out.push(
      `<rect x="${x}" y="${headY}" width="${g.queueW[i]! - 4}" height="5" fill="${s.strong}"/>`,
      `<text x="${x + 6}" y="${headY + 20}" font-weight="bold" font-size="12.5" fill="${s.text}">${escapeXml(name)}</text>`,
      ...feeds.map(
        (line, j) =>
          `<text x="${x + 6}" y="${headY + 33 + 12 * j}" font-size="10.5" fill="#555">${escapeXml(line)}</text>`,
      ),
    );
  });
  return out;
}

// What the marks mean, in two lines under the heading, drawn with the picture's own marks.
function legend(): string[] {
  const y = 64;
  const tick = KIND_SWATCH.nextTick;
  const dark = "#222";
  return [
    `<circle cx="21" cy="${y - 4}" r="8" fill="${KIND_SWATCH.sync.strong}"/>`,
    `<text x="21" y="${y - 0.5}" text-anchor="middle" fill="#fff" font-size="10" font-weight="bold">3</text>`,
    `<text x="34" y="${y}" fill="#333" font-size="11">step 3: the third callback the loop ran</text>`,
    `<path d="M 262 ${y - 4} H 281" stroke="${dark}" stroke-width="1.6"/><path d="M 287 ${y - 4} l -6 -3.5 v 7 z" fill="${dark}"/>`,
    `<rect x="289" y="${y - 13.5}" width="62" height="19" rx="9.5" fill="${tick.light}" stroke="#111" stroke-width="2"/>`,
    `<text x="297" y="${y}" font-family="${MONO}" font-size="11" fill="${tick.text}">tick</text>`,
    `<rect x="329" y="${y - 11.5}" width="19" height="15" rx="7.5" fill="${tick.strong}"/>`,
    `<text x="338.5" y="${y - 0.5}" text-anchor="middle" font-size="10.5" font-weight="bold" fill="#fff">4</text>`,
    `<text x="358" y="${y}" fill="#333" font-size="11">just queued by the running callback; it runs at step 4</text>`,
    `<rect x="660" y="${y - 13.5}" width="96" height="19" rx="9.5" fill="#fff" stroke="${tick.strong}" stroke-width="1.2" stroke-dasharray="3 3"/>`,
    `<text x="668" y="${y}" font-size="11" font-style="italic" fill="${tick.text}">◀ now running</text>`,
    `<text x="764" y="${y}" fill="#333" font-size="11">it left this queue to run</text>`,
    `<text x="14" y="${y + 20}" fill="#555" font-size="11">✕ cleared before it ran  ·  … still waiting at the end  ·  under each step: when it started (ms since fn started) and, if long, how long it ran</text>`,
  ];
}

// A band across the picture where a new loop iteration starts; the first one says what an
// iteration is.
export function band(
  step: TraceStep,
  y: number,
  width: number,
  first: boolean,
  right?: string,
): string[] {
  const text =
    step.phase === "main"
      ? "Main script: fn runs, then the nextTick queue and the microtasks drain"
      : first
        ? `Event loop, iteration ${step.iteration}. Each iteration: timers → poll (I/O) → check (setImmediate) → close callbacks`
        : `Event loop, iteration ${step.iteration}`;
  const out = [
    `<rect x="6" y="${y + 3}" width="${width - 12}" height="19" rx="3" fill="#3b4350"/>`,
    `<text x="14" y="${y + 16.5}" fill="#ffffff" font-size="11.5" font-weight="bold">${escapeXml(text)}</text>`,
  ];
  if (right !== undefined) {
    out.push(
      `<text x="${width - 14}" y="${y + 16.5}" text-anchor="end" fill="#ffffff" font-size="11.5">${escapeXml(right)}</text>`,
    );
  }
  return out;
}
