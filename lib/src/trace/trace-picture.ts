// Internal: draws a loop trace as a filmstrip in one SVG: a header with the logs and a legend,
// the queue columns, and one frame per step, grouped by loop iteration (or, with `animate`, as
// one frame at a time). Needs no JavaScript, so it works as an <img> (showPicture) in an
// untrusted notebook.
import type { TraceData } from "./trace-types.js";
import { renderTraceAnimation } from "./trace-animation.js";
import { band, columns, geometry, HEADER_H, header } from "./trace-chrome.js";
import { renderFrame } from "./trace-frame.js";
import { waitingByStep } from "./trace-text.js";

/** Options for the filmstrip. */
export interface TraceSvgOptions {
  /** Width in px (default 980, at least 760). */
  width?: number;
  /** Draw at most this many frames (default 40); the text version lists every step. */
  maxFrames?: number;
  /** A heading above the picture. */
  title?: string | undefined;
  /**
   * Instead of the filmstrip, one frame at a time, each shown for `secondsPerStep` (default 2),
   * in a loop: a CSS animation, which plays without JavaScript, so also inside an `<img>`.
   */
  animate?: boolean;
  /** With `animate`: how long each frame shows (default 2 seconds). */
  secondsPerStep?: number;
}

export function renderTraceSvg(trace: TraceData, options: TraceSvgOptions = {}): string {
  const width = Math.max(760, Math.round(options.width ?? 980));
  const maxFrames = Math.max(1, Math.floor(options.maxFrames ?? 40));
  if (options.animate === true) return renderTraceAnimation(trace, width, maxFrames, options);
  const g = geometry(width, trace);
  const body: string[] = [];
  let y = HEADER_H;
  let iteration = -1;
  let sawLoop = false;
  const frames = trace.steps.slice(0, maxFrames);
  const waiting = waitingByStep(trace.queued, frames.length);
  for (const [i, step] of frames.entries()) {
    if (step.iteration !== iteration) {
      iteration = step.iteration;
      body.push(...band(step, y, width, !sawLoop && step.phase !== "main"));
      sawLoop ||= step.phase !== "main";
      y += 24;
    }
    const frame = renderFrame(step, waiting[i]!, y, g);
    body.push(...frame.svg);
    y += frame.height;
  }
  const hidden = trace.steps.length - frames.length;
  if (hidden > 0) {
    body.push(
      `<text x="${width / 2}" y="${y + 20}" text-anchor="middle" fill="#555" font-size="12">… and ${hidden} more step(s): trace.toText() lists them all</text>`,
    );
    y += 30;
  }
  if (trace.steps.length === 0) y += 20;
  const height = y + 14;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    ...columns(g, height),
    ...header(trace, options.title, g),
    ...body,
    `</svg>`,
  ].join("\n");
}
