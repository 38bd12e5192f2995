// A notebook page reached from search (?highlight=words#heading): marks the words and scrolls to
// the first one under the heading, opening a folded solution if that is where it is.
/* global document, window, location, URLSearchParams, Node, NodeFilter */
(function () {
  "use strict";
  const words = (new URLSearchParams(location.search).get("highlight") || "")
    .split(/\s+/)
    .filter(Boolean);
  const main = document.querySelector("main");
  if (!words.length || !main) return;
  const escaped = words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${escaped.join("|")})`, "giu");
  const MAX_MARKS = 200;

  function markAll() {
    const marks = [];
    const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
    const nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    for (const node of nodes) {
      const text = node.nodeValue;
      pattern.lastIndex = 0;
      const parts = [];
      let last = 0;
      let match;
      while ((match = pattern.exec(text)) && marks.length < MAX_MARKS) {
        const mark = document.createElement("mark");
        mark.className = "search-hit";
        mark.textContent = match[0];
        parts.push(text.slice(last, match.index), mark);
        marks.push(mark);
        last = match.index + match[0].length;
      }
      if (parts.length) node.replaceWith(...parts, text.slice(last));
    }
    return marks;
  }

  function land() {
    const marks = markAll();
    const id = decodeURIComponent(location.hash.slice(1));
    const anchor = id ? document.getElementById(id) : null;
    const following = (mark) =>
      !anchor || anchor.compareDocumentPosition(mark) & Node.DOCUMENT_POSITION_FOLLOWING;
    const target = marks.find(following) || marks[0];
    if (!target) return;
    const folded = target.closest("details");
    if (folded) folded.open = true;
    target.id = "search-target";
    target.scrollIntoView({ block: "center" });
  }

  if (document.readyState === "complete") land();
  else window.addEventListener("load", land);
})();
