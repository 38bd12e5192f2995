// One notebook as the site shows it: its cells as HTML, its sections for search, its sitting time.
import { isNavigation } from "../contents/navigation.ts";
import { sourceText, type Notebook } from "../contents/notebook-file.ts";
import { renderCodeCell, renderMarkdownCell } from "./cells.ts";
import { PageState, type Section } from "./markdown.ts";

/** A rendered notebook: the cells' HTML and the sections found in it. */
export interface RenderedNotebook {
  html: string;
  sections: Section[];
}

/**
 * Renders every cell but the navigation cells (the site draws its own previous/next links) and
 * collects the page's sections: each heading, with the prose and code that follow it.
 */
export function renderNotebook(nb: Notebook): RenderedNotebook {
  const state = new PageState();
  const html = nb.cells
    .filter((cell) => !isNavigation(cell))
    .map((cell) => {
      if (cell.cell_type === "markdown") return renderMarkdownCell(cell, state);
      if (cell.cell_type === "code") return renderCodeCell(cell, state);
      return "";
    })
    .join("\n");
  return { html, sections: state.sections };
}

/**
 * The course's sitting time of a notebook: prose words / 200 + code cells / 3 + 5 per exercise
 * (code cells tagged `exercise`), rounded.
 */
export function sittingMinutes(nb: Notebook): number {
  const markdown = nb.cells.filter((c) => c.cell_type === "markdown");
  const code = nb.cells.filter((c) => c.cell_type === "code");
  const words = markdown.reduce((n, c) => n + sourceText(c).split(/\s+/).filter(Boolean).length, 0);
  const exercises = code.filter((c) => (c.metadata?.tags ?? []).includes("exercise")).length;
  return Math.round(words / 200 + code.length / 3 + 5 * exercises);
}

/** The pictures a notebook stores, as `<img>` sources, in the order a page shows them. */
export function storedPictures(nb: Notebook): string[] {
  const sources: string[] = [];
  // An <img> tag, or in markdown also ![alt](src).
  const imgSources = (html: string, markdown = false) =>
    [...html.matchAll(/<img\b[^>]*?\ssrc=["']([^"']*)["']|!\[[^\]]*\]\(([^)\s]+)/gi)]
      .filter((m) => markdown || m[1] !== undefined)
      .map((m) => m[1] ?? m[2]!);
  for (const cell of nb.cells.filter((c) => !isNavigation(c))) {
    if (cell.cell_type === "markdown") {
      sources.push(...imgSources(sourceText(cell), true));
      continue;
    }
    for (const output of (cell.outputs as
      { data?: Record<string, string | string[]> }[] | undefined) ?? []) {
      const data = output.data ?? {};
      const text = (mime: string) => [data[mime] ?? ""].flat().join("");
      if (data["text/html"] !== undefined) sources.push(...imgSources(text("text/html")));
      else if (data["image/svg+xml"] !== undefined) {
        sources.push(
          `data:image/svg+xml;base64,${Buffer.from(text("image/svg+xml")).toString("base64")}`,
        );
      } else if (data["image/png"] !== undefined || data["image/jpeg"] !== undefined) {
        const mime = data["image/png"] !== undefined ? "image/png" : "image/jpeg";
        sources.push(`data:${mime};base64,${text(mime).replace(/\s/g, "")}`);
      }
    }
  }
  return sources;
}
