// Internal: draws a loop trace as one frame at a time, in a loop: every frame sits at the same
// place and a CSS animation shows each in turn. CSS animations play inside an <img> (scripts
// do not), so this works through showPicture too. A viewer without CSS animation shows step 1.
import type { TraceData } from "./trace-types.js";
import { band, columns, geometry, HEADER_H, header } from "./trace-chrome.js";
import { renderFrame } from "./trace-frame.js";
import { waitingByStep } from "./trace-text.js";

/** Options the animation takes from TraceSvgOptions, already checked. */
export interface AnimationOptions {
  title?: string | undefined;
  secondsPerStep?: number;
}

export function renderTraceAnimation(
  trace: TraceData,
  width: number,
  maxFrames: number,
  options: AnimationOptions,
): string {
  const seconds = Math.max(0.2, options.secondsPerStep ?? 2);
  const g = geometry(width, trace);
  const steps = trace.steps.slice(0, maxFrames);
  const waiting = waitingByStep(trace.queued, steps.length);
  const top = HEADER_H;
  const frames = steps.map((step, i) => {
    const note = `step ${step.step} of ${steps.length}${steps.length < trace.steps.length ? ` (of ${trace.steps.length})` : ""}`;
    const frame = renderFrame(step, waiting[i]!, top + 24, g);
    const svg = [...band(step, top, width, step.phase !== "main", note), ...frame.svg];
    return { svg, height: 24 + frame.height };
  });
  const height = top + Math.max(40, ...frames.map((f) => f.height)) + 14;
  const total = seconds * Math.max(1, frames.length);
  // Each frame is visible for its own slice of the cycle: shown at 0%, hidden from 100/n %.
  const share = (100 / Math.max(1, frames.length)).toFixed(4);
  const style =
    `.frame{opacity:0;animation:trace-frames ${total}s step-end infinite}` +
    `.frame.first{opacity:1}` +
    `@keyframes trace-frames{0%{opacity:1}${share}%{opacity:0}100%{opacity:0}}`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif" font-size="12">`,
    `<style>${style}</style>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    ...columns(g, height),
    ...header(trace, options.title, g),
    ...frames.flatMap((f, i) => [
      `<g class="frame${i === 0 ? " first" : ""}" style="animation-delay:${(i * seconds).toFixed(2)}s">`,
      `<rect x="0" y="${top}" width="${width}" height="${f.height}" fill="#ffffff" fill-opacity="0"/>`,
      ...f.svg,
      `</g>`,
    ]),
    `</svg>`,
  ].join("\n");
}
