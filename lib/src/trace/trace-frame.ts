// Internal: draws one frame of the loop-trace filmstrip: the step's number and place, the call
// stack (the callback running and what it logs), the queues' contents, and arrows from the
// running callback to the callbacks it just queued.
import type { QueueEntry, TraceStep } from "./trace-types.js";
import { escapeXml } from "../show/display.js";
import { elide } from "../show/timeline-layout.js";
import { KIND_NAME, KIND_SWATCH, MONO, PHASE_NAME, QUEUES } from "./trace-style.js";

/** Where the columns are; trace-picture.ts computes it from the width. */
export interface FrameGeometry {
  readonly stackX: number;
  readonly stackW: number;
  readonly queueX: readonly number[];
  readonly queueW: readonly number[];
  readonly width: number;
}

const MAX_LOGS = 4;
const MAX_CHIPS = 4;
const CHIP_H = 19;
const CHIP_GAP = 4;
const CHIPS_TOP = 20;

/** Draws the frame for `step` with its top at `y`; returns the SVG and the frame's height. */
export function renderFrame(
  step: TraceStep,
  waiting: readonly QueueEntry[],
  y: number,
  g: FrameGeometry,
): { svg: string[]; height: number } {
  const out: string[] = [];
  const swatch = KIND_SWATCH[step.kind];
  const logs = step.logs.slice(0, MAX_LOGS);
  const extraLogs = step.logs.length - logs.length;
  const boxH = 40 + 16 * (logs.length + (extraLogs > 0 ? 1 : 0)) + (logs.length === 0 ? 14 : 0);
  const columns = QUEUES.map(({ queue }) => waiting.filter((e) => e.queue === queue));
  const ghostColumn = QUEUES.findIndex((q) => q.kind === step.kind && step.depth === 0);
  const rows = Math.max(
    ghostColumn === -1 ? 0 : 1,
    ...columns.map((c, i) => Math.min(c.length + (i === ghostColumn ? 1 : 0), MAX_CHIPS + 1)),
  );
  const gutterH = step.durationMs >= 1 ? 78 : 64;
  const height = Math.max(boxH + 12, CHIPS_TOP + rows * (CHIP_H + CHIP_GAP) + 8, gutterH);

  // Left gutter: the step number in the kind's colour, where in the loop, and when.
  out.push(
    `<circle cx="30" cy="${y + 20}" r="13" fill="${swatch.strong}"/>`,
    `<text x="30" y="${y + 24.5}" text-anchor="middle" fill="#ffffff" font-weight="bold" font-size="13">${step.step}</text>`,
    `<text x="30" y="${y + 46}" text-anchor="middle" fill="#555" font-size="10.5">${PHASE_NAME[step.phase]}</text>`,
    `<text x="30" y="${y + 59}" text-anchor="middle" fill="#777" font-size="10">${escapeXml(timeText(step))}</text>`,
  );
  const ran = durationText(step);
  if (ran !== undefined) {
    const long = step.durationMs >= 20;
    out.push(
      `<text x="30" y="${y + 72}" text-anchor="middle" fill="${long ? "#b00020" : "#777"}" font-size="10"${long ? ` font-weight="bold"` : ""}>${escapeXml(ran)}</text>`,
    );
  }

  // The call stack: the callback running now, in its kind's colours.
  const bx = g.stackX;
  const by = y + 6;
  const inside = step.depth > 0 ? ` · nested` : "";
  const queuedBy =
    step.scheduledBy === null ? "its synchronous run" : `queued at step ${step.scheduledBy}`;
  out.push(
    `<rect x="${bx}" y="${by}" width="${g.stackW}" height="${boxH}" rx="6" fill="${swatch.light}" stroke="${swatch.strong}" stroke-width="2"/>`,
    `<text x="${bx + 10}" y="${by + 17}" font-weight="bold" fill="${swatch.text}" font-size="12.5">${escapeXml(step.kind === "sync" && step.phase !== "main" ? "fn(log), in an I/O callback" : KIND_NAME[step.kind])}</text>`,
    `<text x="${bx + 10}" y="${by + 32}" fill="#555" font-size="10.5">${escapeXml(elide(step.kind === "sync" ? queuedBy : `${step.source} · ${queuedBy}${inside}`, Math.floor((g.stackW - 16) / 5.6)))}</text>`,
  );
  const logChars = Math.floor((g.stackW - 20) / 7.3);
  logs.forEach((label, i) => {
    const text = elide(`log(${JSON.stringify(label)})`, logChars);
    out.push(
      `<text x="${bx + 10}" y="${by + 50 + 16 * i}" font-family="${MONO}" font-size="12" font-weight="bold" fill="#1d1d1d">${escapeXml(text)}</text>`,
    );
  });
  if (extraLogs > 0) {
    out.push(
      `<text x="${bx + 10}" y="${by + 50 + 16 * logs.length}" fill="#555" font-size="11">… and ${extraLogs} more log(s)</text>`,
    );
  }
  if (logs.length === 0) {
    out.push(
      `<text x="${bx + 10}" y="${by + 50}" fill="#777" font-size="11" font-style="italic">(logs nothing)</text>`,
    );
  }

  // The queues: what waits in each, in the order it will run; new arrivals outlined in black.
  const targets: { x: number; y: number }[] = [];
  columns.forEach((entries, c) => {
    const qx = g.queueX[c]!;
    // The running callback just left the head of its queue: a dashed ghost marks the spot.
    const ghost = QUEUES[c]!.kind === step.kind && step.depth === 0 ? 1 : 0;
    const chipW = g.queueW[c]! - 20;
    if (ghost === 1) out.push(...ghostChip(step, qx + 14, y + CHIPS_TOP, chipW));
    const room = MAX_CHIPS - ghost;
    const shown = entries.length > room + 1 ? entries.slice(0, room) : entries;
    shown.forEach((entry, i) => {
      const cy = y + CHIPS_TOP + (i + ghost) * (CHIP_H + CHIP_GAP);
      out.push(...chip(entry, step.step, qx + 14, cy, chipW));
      const isNew = entry.from === step.step && entry.by === step.step;
      if (isNew) targets.push({ x: qx + 14, y: cy + CHIP_H / 2 });
    });
    if (shown.length < entries.length) {
      const cy = y + CHIPS_TOP + (shown.length + ghost) * (CHIP_H + CHIP_GAP);
      const kind = QUEUES[c]!.kind;
      out.push(
        `<text x="${qx + 18}" y="${cy + 13}" fill="${KIND_SWATCH[kind].text}" font-size="11">+ ${entries.length - shown.length} more</text>`,
      );
    }
  });
  out.push(...arrows(bx + g.stackW, y + 12, targets));
  out.push(
    `<line x1="10" y1="${y + height}" x2="${g.width - 10}" y2="${y + height}" stroke="#d9d9d9"/>`,
  );
  return { svg: out, height };
}

// A pill for one waiting callback: its label, and a badge with the step it will run at.
function chip(entry: QueueEntry, now: number, x: number, y: number, w: number): string[] {
  const kind = QUEUES.find((q) => q.queue === entry.queue)!.kind;
  const s = KIND_SWATCH[kind];
  const isNew = entry.from === now;
  const goingNow = entry.cleared && entry.until === now;
  const stroke = isNew ? "#111111" : s.strong;
  const dash = goingNow ? ` stroke-dasharray="4 3"` : "";
  const badge = entry.ran === null ? (entry.cleared ? "✕" : "…") : String(entry.ran);
  const badgeW = Math.max(18, 7 * badge.length + 8);
  const label = (goingNow ? "cleared: " : "") + entry.label;
  const chars = Math.floor((w - badgeW - 12) / 6.7);
  const tip = `${entry.source}${entry.ran === null ? "" : `, runs at step ${entry.ran}`}`;
  return [
    `<g><title>${escapeXml(tip)}</title>`,
    `<rect x="${x}" y="${y}" width="${w}" height="${CHIP_H}" rx="9.5" fill="${goingNow ? "#ffffff" : s.light}" stroke="${stroke}" stroke-width="${isNew ? 2 : 1.2}"${dash}/>`,
    `<text x="${x + 8}" y="${y + 13.5}" font-family="${MONO}" font-size="11" fill="${goingNow ? "#777" : s.text}">${escapeXml(elide(label, chars))}</text>`,
    `<rect x="${x + w - badgeW - 2}" y="${y + 2}" width="${badgeW}" height="${CHIP_H - 4}" rx="7.5" fill="${s.strong}"/>`,
    `<text x="${x + w - badgeW / 2 - 2}" y="${y + 13.5}" text-anchor="middle" font-size="10.5" font-weight="bold" fill="#ffffff">${escapeXml(badge)}</text>`,
    `</g>`,
  ];
}

// Where the running callback was: the head of its queue, now empty.
function ghostChip(step: TraceStep, x: number, y: number, w: number): string[] {
  const s = KIND_SWATCH[step.kind];
  return [
    `<rect x="${x}" y="${y}" width="${w}" height="${CHIP_H}" rx="9.5" fill="#ffffff" fill-opacity="0.7" stroke="${s.strong}" stroke-width="1.2" stroke-dasharray="3 3"/>`,
    `<text x="${x + 8}" y="${y + 13.5}" font-size="11" font-style="italic" fill="${s.text}">${w > 110 ? "◀ now running" : "◀ running"}</text>`,
  ];
}

// One trunk line from the stack box along the top of the frame, dropping into each new chip.
function arrows(
  fromX: number,
  trunkY: number,
  targets: readonly { x: number; y: number }[],
): string[] {
  if (targets.length === 0) return [];
  const farthest = Math.max(...targets.map((t) => t.x - 8));
  const out = [
    `<path d="M ${fromX} ${trunkY} H ${farthest}" fill="none" stroke="#222" stroke-width="1.6"/>`,
    `<circle cx="${fromX}" cy="${trunkY}" r="3" fill="#222"/>`,
  ];
  for (const t of targets) {
    const dropX = t.x - 8;
    out.push(
      `<path d="M ${dropX} ${trunkY} V ${t.y} H ${t.x - 1}" fill="none" stroke="#222" stroke-width="1.6"/>`,
      `<path d="M ${t.x - 1} ${t.y} l -6 -3.5 v 7 z" fill="#222"/>`,
    );
  }
  return out;
}

// When the callback started (ms since fn started), and how long it ran when that is long enough
// to matter: a callback that runs for long delays everything queued behind it.
function timeText(step: TraceStep): string {
  const ms = (n: number): string => (n < 10 ? n.toFixed(1) : n.toFixed(0));
  return `${ms(step.startMs)} ms`;
}

function durationText(step: TraceStep): string | undefined {
  if (step.durationMs < 1) return undefined;
  return `ran ${step.durationMs < 10 ? step.durationMs.toFixed(1) : step.durationMs.toFixed(0)} ms`;
}
