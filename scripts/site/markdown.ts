// Markdown cells rendered as JupyterLab renders them: raw HTML kept (<details>, <img>), headings
// given JupyterLab's ids, fenced code highlighted, and links to notebooks turned into site pages.
import hljs from "highlight.js/lib/core";
import bash from "highlight.js/lib/languages/bash";
import javascript from "highlight.js/lib/languages/javascript";
import json from "highlight.js/lib/languages/json";
import python from "highlight.js/lib/languages/python";
import typescript from "highlight.js/lib/languages/typescript";
import MarkdownIt from "markdown-it";
import type { Token } from "markdown-it";

hljs.registerLanguage("typescript", typescript);
hljs.registerLanguage("javascript", javascript);
hljs.registerLanguage("python", python);
hljs.registerLanguage("bash", bash);
hljs.registerLanguage("json", json);
hljs.registerAliases(["ts", "tsx"], { languageName: "typescript" });
hljs.registerAliases(["js", "cjs", "mjs"], { languageName: "javascript" });
hljs.registerAliases(["py"], { languageName: "python" });
hljs.registerAliases(["sh", "shell", "console"], { languageName: "bash" });

/** A part of a page that starts at a heading: what search indexes and links to. */
export interface Section {
  /** The heading's element id (the page's anchor). */
  id: string;
  heading: string;
  /** Plain text of the prose and code under the heading, up to the next one. */
  text: string;
}

/** Per-page state: heading ids already given, and the sections met so far, in order. */
export class PageState {
  readonly sections: Section[] = [];
  private readonly used = new Map<string, number>();

  /** JupyterLab's heading id (the text with spaces as "-"), made unique on the page. */
  headingId(text: string): string {
    const base = jupyterHeadingId(text);
    const seen = this.used.get(base) ?? 0;
    this.used.set(base, seen + 1);
    return seen === 0 ? base : `${base}-${seen + 1}`;
  }

  startSection(id: string, heading: string): void {
    this.sections.push({ id, heading, text: "" });
  }

  /** Adds text to the current section; text before the first heading starts an untitled one. */
  addText(text: string): void {
    const trimmed = text.trim();
    if (!trimmed) return;
    if (!this.sections.length) this.sections.push({ id: "", heading: "", text: "" });
    const section = this.sections.at(-1)!;
    section.text = section.text ? `${section.text}\n${trimmed}` : trimmed;
  }
}

/** JupyterLab's rule (rendermime's createHeaderId): the heading's text, spaces replaced by "-". */
export function jupyterHeadingId(text: string): string {
  return text.trim().replace(/ /g, "-");
}

/** Highlights code with highlight.js; unknown languages are escaped only. */
export function highlight(code: string, language = "typescript"): string {
  const name = hljs.getLanguage(language) ? language : undefined;
  return name ? hljs.highlight(code, { language: name }).value : escapeHtml(code);
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

/**
 * A relative link to a notebook (`03-x.ipynb#Heading`) as a link to its page; `00-index.ipynb`
 * goes to the site's index. Other links are returned unchanged.
 */
export function siteHref(href: string): string {
  const match = /^(?:\.\/)?(\d{2}-[^/#?]+)\.ipynb(#.*)?$/.exec(href);
  if (!match) return href;
  const [, stem, hash = ""] = match;
  return `${stem === "00-index" ? "index" : stem}.html${hash}`;
}

/** Renders notebook markdown to HTML, recording headings and text in `state`. */
export function renderMarkdown(source: string, state: PageState): string {
  const tokens = md.parse(source, {});
  tokens.forEach((token, i) => {
    if (token.type === "heading_open") {
      const heading = plainText(tokens[i + 1]?.children ?? []);
      const id = state.headingId(heading);
      token.attrSet("id", id);
      state.startSection(id, heading);
    } else if (token.type === "inline" && tokens[i - 1]?.type !== "heading_open") {
      state.addText(plainText(token.children ?? []));
    } else if (token.type === "fence" || token.type === "code_block") {
      state.addText(token.content);
    } else if (token.type === "html_block") {
      state.addText(token.content.replace(/<[^>]*>/g, " "));
    }
  });
  return md.renderer.render(tokens, md.options, {});
}

/** One line of markdown (a title, a description) as inline HTML. */
export function renderInline(text: string): string {
  return md.renderInline(text);
}

/** The text a reader sees in inline tokens: text and code spans, without markup. */
export function plainText(children: Token[]): string {
  return children
    .map((t) => {
      if (t.type === "text" || t.type === "code_inline") return t.content;
      return t.type === "softbreak" || t.type === "hardbreak" ? " " : "";
    })
    .join("");
}

const md = new MarkdownIt({
  html: true,
  linkify: false,
  typographer: false,
  highlight: (code, language) => highlight(code, language || "plaintext"),
});

md.renderer.rules.link_open = (tokens, i, options, _env, self) => {
  const token = tokens[i]!;
  const href = token.attrGet("href");
  if (typeof href === "string") {
    token.attrSet("href", siteHref(href));
    if (/^https?:/.test(href)) token.attrSet("rel", "noopener");
  }
  return self.renderToken(tokens, i, options);
};

// JupyterLab puts a "¶" link after each heading's text.
md.renderer.rules.heading_close = (tokens, i, options, _env, self) => {
  const open = tokens[i - 2];
  const id = open?.attrGet("id");
  const anchor =
    typeof id === "string" && id ? `<a class="anchor" href="#${escapeHtml(id)}">¶</a>` : "";
  return `${anchor}${self.renderToken(tokens, i, options)}`;
};
