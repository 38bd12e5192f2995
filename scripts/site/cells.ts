// Code cells and their stored outputs as HTML, in the order and form JupyterLab shows them.
import { sourceText, type Cell } from "../contents/notebook-file.ts";
import { escapeHtml, highlight, PageState, renderMarkdown } from "./markdown.ts";

/** The parts of an nbformat 4 output this site shows. */
export interface Output {
  output_type: string;
  name?: string;
  text?: string | string[];
  data?: Record<string, unknown>;
  ename?: string;
  evalue?: string;
  traceback?: string[];
}

/** Which of a display's formats is shown, best first, as JupyterLab prefers them. */
export const MIME_ORDER = [
  "text/html",
  "image/svg+xml",
  "image/png",
  "image/jpeg",
  "text/markdown",
  "text/plain",
] as const;

/** A code cell: its prompt, highlighted source and outputs. The code is added to the section text. */
export function renderCodeCell(cell: Cell, state: PageState): string {
  const code = sourceText(cell);
  state.addText(code);
  const count = typeof cell.execution_count === "number" ? cell.execution_count : " ";
  const tags = cell.metadata?.tags ?? [];
  const exercise = tags.includes("exercise");
  const label = exercise ? `<div class="cell-label">Your answer</div>` : "";
  const outputs = mergeStreams((cell.outputs as Output[] | undefined) ?? []).map(renderOutput);
  return [
    `<div class="cell code${exercise ? " exercise" : ""}"${cellId(cell)}>`,
    label,
    `<div class="input"><div class="prompt">[${count}]:</div>`,
    `<pre><code class="hljs language-typescript">${highlight(code)}</code></pre></div>`,
    outputs.length ? `<div class="outputs">${outputs.join("")}</div>` : "",
    `</div>`,
  ].join("");
}

/** A markdown cell, rendered with JupyterLab's conventions. */
export function renderMarkdownCell(cell: Cell, state: PageState): string {
  return `<div class="cell markdown"${cellId(cell)}>${renderMarkdown(sourceText(cell), state)}</div>`;
}

function cellId(cell: Cell): string {
  return cell.id ? ` id="cell-${escapeHtml(cell.id)}"` : "";
}

/** One output as HTML: stream text, a display (its best format) or an error. */
export function renderOutput(output: Output): string {
  switch (output.output_type) {
    case "stream": {
      const name = output.name === "stderr" ? "stderr" : "stdout";
      return `<pre class="output stream ${name}">${escapeHtml(stripAnsi(joined(output.text)))}</pre>`;
    }
    case "display_data":
    case "execute_result":
      return renderData(output.data ?? {});
    case "error": {
      const lines = [
        `${output.ename ?? "Error"}: ${output.evalue ?? ""}`,
        ...(output.traceback ?? []),
      ];
      return `<pre class="output error">${escapeHtml(stripAnsi(lines.join("\n")))}</pre>`;
    }
    default:
      return "";
  }
}

/** The display's preferred format (see {@link MIME_ORDER}) as HTML. */
export function renderData(data: Record<string, unknown>): string {
  const mime = MIME_ORDER.find((m) => data[m] !== undefined);
  if (mime === undefined) return "";
  const value = joined(data[mime] as string | string[]);
  switch (mime) {
    case "text/html":
      return `<div class="output html">${value}</div>`;
    case "image/svg+xml":
      return imageOutput(`data:image/svg+xml;base64,${Buffer.from(value).toString("base64")}`);
    case "image/png":
    case "image/jpeg":
      return imageOutput(`data:${mime};base64,${value.replace(/\s/g, "")}`);
    case "text/markdown":
      return `<div class="output markdown">${renderMarkdownOnly(value)}</div>`;
    case "text/plain":
      return `<pre class="output text">${escapeHtml(stripAnsi(value))}</pre>`;
  }
}

function imageOutput(src: string): string {
  return `<div class="output image"><img src="${src}" alt=""></div>`;
}

/** Markdown shown as an output: its headings are not sections of the page. */
function renderMarkdownOnly(text: string): string {
  return renderMarkdown(text, new PageState());
}

/** Consecutive outputs of the same stream joined into one, as JupyterLab shows them. */
export function mergeStreams(outputs: readonly Output[]): Output[] {
  const merged: Output[] = [];
  for (const output of outputs) {
    const before = merged.at(-1);
    if (
      output.output_type === "stream" &&
      before?.output_type === "stream" &&
      before.name === output.name
    ) {
      merged[merged.length - 1] = { ...before, text: joined(before.text) + joined(output.text) };
    } else {
      merged.push(output);
    }
  }
  return merged;
}

/** nbformat stores multi-line strings either whole or as a list of lines. */
export function joined(text: string | string[] | undefined): string {
  return Array.isArray(text) ? text.join("") : (text ?? "");
}

export function stripAnsi(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, "");
}
