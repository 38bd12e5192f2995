// Rich output inline in a tslab notebook, and plain text anywhere else.
import { sendBundle, tslabSend } from "./kernel-display.js";

/**
 * Tells whether this code runs inside a tslab Jupyter kernel.
 * @returns `true` inside the kernel (rich output available), `false` in scripts and tests.
 * @example
 * ```ts
 * inKernel(); // false under mocha or tsx
 * ```
 */
export function inKernel(): boolean {
  return tslabSend() !== null;
}

/**
 * Displays HTML in the notebook, or prints the text version outside a kernel. Use it for tables
 * and text: JupyterLab strips inline `<svg>` from stored outputs, so pictures go through
 * {@link showPicture}.
 * @param html The rich form, sent with `text` as one `display_data` output (text/html + text/plain).
 * @param text The plain form, printed with `console.log` when there is no kernel.
 * @returns Nothing.
 * @throws {TypeError} When `html` or `text` is not a string.
 * @example
 * ```ts
 * showRich("<b>done</b>", "done"); // prints "done" under mocha
 * ```
 */
export function showRich(html: string, text: string): void {
  if (typeof html !== "string" || typeof text !== "string") {
    throw new TypeError(
      `Cannot show output: 'html' and 'text' must be strings, got ${typeof html} and ${typeof text}`,
    );
  }
  if (!sendBundle({ "text/html": html, "text/plain": text })) console.log(text);
}

/**
 * Escapes text for use inside XML, HTML and SVG, in content and in quoted attributes.
 * @param text Any text, such as a task name.
 * @returns The text with `& < > " '` replaced by entities and control characters removed.
 * @throws {TypeError} When `text` is not a string.
 * @example
 * ```ts
 * escapeXml(`a<b & "c"`); // "a&lt;b &amp; &quot;c&quot;"
 * ```
 */
export function escapeXml(text: string): string {
  if (typeof text !== "string") {
    throw new TypeError(`Cannot escape: 'text' must be a string, got ${typeof text}`);
  }
  // Control characters are not allowed in XML at all, even escaped, so they are dropped.
  return (
    text
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, "")
      .replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c)
  );
}

const ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&apos;",
};
