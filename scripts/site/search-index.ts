// The course's search index, built at build time with MiniSearch and shipped as a script, so that
// search works from a static server and from file:// alike (no fetch of a JSON file).
import MiniSearch from "minisearch";
import type { Section } from "./markdown.ts";

/** One searchable part of the course: a section of a notebook page. */
export interface SearchDocument {
  id: string;
  /** The notebook's title, e.g. "3. Async basics". */
  notebook: string;
  heading: string;
  /** Where a result leads: the page and the heading's anchor. */
  url: string;
  text: string;
}

export const INDEX_OPTIONS = {
  fields: ["heading", "text", "notebook"],
  storeFields: ["notebook", "heading", "url", "text"],
};

/** Exact words first, then prefixes ("settle" finds "settled"), then small typos. */
export const QUERY_OPTIONS = { prefix: true, fuzzy: 0.2, boost: { heading: 3 } };

/** The search documents of one page: one per section, linked to its heading. */
export function searchDocuments(
  page: string,
  title: string,
  sections: readonly Section[],
): SearchDocument[] {
  return sections
    .filter((s) => s.text || s.heading)
    .map((s, i) => ({
      id: `${page}#${s.id || i}`,
      notebook: title,
      heading: s.heading || title,
      url: s.id ? `${page}#${encodeURIComponent(s.id)}` : page,
      text: s.text,
    }));
}

/** The index as a script that sets `window.COURSE_SEARCH` for assets/search.js. */
export function searchIndexScript(documents: readonly SearchDocument[]): string {
  const index = new MiniSearch<SearchDocument>(INDEX_OPTIONS);
  index.addAll(documents);
  const payload = { options: INDEX_OPTIONS, query: QUERY_OPTIONS, index: index.toJSON() };
  // "</" never appears raw inside a <script>-loaded file's strings that a parser could misread.
  return `window.COURSE_SEARCH = ${JSON.stringify(payload).replace(/<\//g, "<\\/")};\n`;
}

/** The terms MiniSearch indexes for a text: its default tokenizer, lower-cased. */
export function termsOf(text: string): string[] {
  const tokenize = MiniSearch.getDefault("tokenize") as (text: string) => string[];
  return tokenize(text)
    .map((t) => t.toLowerCase())
    .filter(Boolean);
}

/**
 * The rarest word of `target`'s text that no other page uses, nor anything a prefix or a small
 * typo of it would match: a search for it can only find `target`. Ties go to the longest word.
 */
export function uniqueTerm(
  textByPage: ReadonlyMap<string, string>,
  target: string,
): string | undefined {
  const counts = new Map<string, number>();
  for (const term of termsOf(textByPage.get(target) ?? "")) {
    counts.set(term, (counts.get(term) ?? 0) + 1);
  }
  const elsewhere = new Set(
    [...textByPage].filter(([page]) => page !== target).flatMap(([, text]) => termsOf(text)),
  );
  const others = [...elsewhere];
  return [...counts]
    .filter(([term]) => /^[a-z]{6,}$/.test(term) && !elsewhere.has(term))
    .sort(([a, na], [b, nb]) => na - nb || b.length - a.length || a.localeCompare(b))
    .map(([term]) => term)
    .find((term) => !others.some((other) => resembles(term, other)));
}

/** Whether a search for `term` (prefix and fuzzy as in QUERY_OPTIONS) could match `other`. */
function resembles(term: string, other: string): boolean {
  if (other.startsWith(term)) return true;
  const maxEdits = Math.round(QUERY_OPTIONS.fuzzy * term.length);
  return Math.abs(term.length - other.length) <= maxEdits && editDistance(term, other) <= maxEdits;
}

export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      row.push(Math.min(previous[j]! + 1, row[j - 1]! + 1, substitution));
    }
    previous = row;
  }
  return previous[b.length]!;
}
