// Pictures that show in a notebook whether or not it is trusted.
import { escapeXml } from "./display.js";
import { sendBundle } from "./kernel-display.js";

/**
 * Wraps an SVG document in an `<img>` with a base64 data URI: the one form of SVG that JupyterLab
 * shows in an untrusted (just opened) notebook, and that VS Code shows too.
 * @param svg A standalone SVG document (with its xmlns).
 * @param alt What the picture shows, for screen readers and for viewers that show no images.
 * @returns The `<img>` tag.
 * @throws {TypeError} When `svg` is not an SVG document or `alt` is empty.
 * @example
 * ```ts
 * pictureHtml('<svg xmlns="http://www.w3.org/2000/svg"/>', "nothing"); // '<img src="data:...'
 * ```
 */
export function pictureHtml(svg: string, alt: string): string {
  if (typeof svg !== "string" || !/^\s*<svg[\s>]/.test(svg)) {
    throw new TypeError(
      `Cannot make a picture: 'svg' must start with '<svg', got '${String(svg).slice(0, 20)}'`,
    );
  }
  if (typeof alt !== "string" || alt.trim() === "") {
    throw new TypeError(`Cannot make a picture: 'alt' must say what it shows, got '${alt}'`);
  }
  const uri = `data:image/svg+xml;base64,${Buffer.from(svg, "utf8").toString("base64")}`;
  return `<img src="${uri}" alt="${escapeXml(alt)}" style="max-width:100%">`;
}

/**
 * Shows a picture: in a kernel, one display with an `<img>` (SVG data URI) as text/html and
 * `text` as text/plain, so it shows whether or not the notebook is trusted; elsewhere, prints `text`.
 * @param svg A standalone SVG document.
 * @param alt What the picture shows, in one sentence.
 * @param text The readable text version (printed outside a kernel, stored as text/plain).
 * @returns Nothing.
 * @throws {TypeError} When `svg` is not SVG, `alt` is empty or `text` is not a string.
 * @example
 * ```ts
 * showPicture('<svg xmlns="http://www.w3.org/2000/svg"/>', "an empty picture", "(empty)");
 * ```
 */
export function showPicture(svg: string, alt: string, text: string): void {
  if (typeof text !== "string") {
    throw new TypeError(`Cannot show picture: 'text' must be a string, got ${typeof text}`);
  }
  const html = pictureHtml(svg, alt);
  if (!sendBundle({ "text/html": html, "text/plain": text })) console.log(text);
}
