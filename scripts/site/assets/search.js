// The search page: looks the query up in the index built at build time (assets/search-index.js)
// and lists the sections that match, best first, each linked to its heading.
/* global MiniSearch */
/* global document, window, location, history, URLSearchParams */
(function () {
  "use strict";
  const data = window.COURSE_SEARCH;
  const index = MiniSearch.loadJS(data.index, data.options);
  const input = document.getElementById("search-input");
  const status = document.getElementById("search-status");
  const list = document.getElementById("search-results");
  const MAX_RESULTS = 30;

  /** The result's page with ?highlight=, so that the page marks the words and scrolls to them. */
  function resultHref(url, terms) {
    const [page, hash] = url.split("#");
    const query = "?highlight=" + encodeURIComponent(terms.join(" "));
    return page + query + (hash ? "#" + hash : "");
  }

  /** A few words around the first match, with the match marked. */
  function snippet(text, terms) {
    const lower = text.toLowerCase();
    const at = terms
      .map((t) => lower.indexOf(t))
      .filter((i) => i >= 0)
      .sort((a, b) => a - b)[0];
    const p = document.createElement("p");
    p.className = "result-snippet";
    if (at === undefined) {
      p.textContent = text.slice(0, 160);
      return p;
    }
    const term = terms.find((t) => lower.startsWith(t, at)) || "";
    const start = Math.max(0, at - 80);
    const mark = document.createElement("mark");
    mark.textContent = text.slice(at, at + term.length);
    p.append(
      (start > 0 ? "…" : "") + text.slice(start, at),
      mark,
      text.slice(at + term.length, at + term.length + 100) + "…",
    );
    return p;
  }

  function show(query) {
    list.replaceChildren();
    const trimmed = query.trim();
    if (!trimmed) {
      status.textContent = "Type a word or a name, e.g. allSettled, nextTick, backoff.";
      return;
    }
    const results = index.search(trimmed, data.query);
    status.textContent = results.length
      ? `${results.length} section${results.length === 1 ? "" : "s"} found.`
      : `Nothing found for “${trimmed}”.`;
    for (const result of results.slice(0, MAX_RESULTS)) {
      const item = document.createElement("li");
      const link = document.createElement("a");
      link.href = resultHref(result.url, result.terms);
      link.textContent = result.heading;
      const where = document.createElement("div");
      where.className = "result-notebook";
      where.textContent = result.notebook;
      item.append(link, where, snippet(result.text, result.terms));
      list.append(item);
    }
  }

  const query = new URLSearchParams(location.search).get("q") || "";
  input.value = query;
  show(query);
  input.addEventListener("input", () => {
    show(input.value);
    history.replaceState(null, "", "?q=" + encodeURIComponent(input.value));
  });
  document.getElementById("search-form").addEventListener("submit", (event) => {
    event.preventDefault();
    show(input.value);
  });
})();
