import assert from "node:assert/strict";
import vm from "node:vm";
import MiniSearch from "minisearch";
import {
  editDistance,
  QUERY_OPTIONS,
  searchDocuments,
  searchIndexScript,
  termsOf,
  uniqueTerm,
  type SearchDocument,
} from "../../scripts/site/search-index.ts";

const SECTIONS = [
  { id: "", heading: "", text: "Opening words." },
  { id: "Option-A:-Promise.all", heading: "Option A: Promise.all", text: "runs them together" },
];

describe("searchDocuments()", () => {
  it("makes one document per section, linked to the heading's anchor", () => {
    const docs = searchDocuments("03-x.html", "3. Basics", SECTIONS);
    assert.deepEqual(
      docs.map((d) => [d.id, d.heading, d.url]),
      [
        ["03-x.html#0", "3. Basics", "03-x.html"],
        [
          "03-x.html#Option-A:-Promise.all",
          "Option A: Promise.all",
          "03-x.html#Option-A%3A-Promise.all",
        ],
      ],
    );
  });

  it("skips sections with neither heading nor text", () => {
    assert.equal(searchDocuments("a.html", "A", [{ id: "", heading: "", text: "" }]).length, 0);
  });
});

describe("searchIndexScript()", () => {
  it("ships an index that MiniSearch loads in the page and that finds a section by a word", () => {
    const docs: SearchDocument[] = [
      ...searchDocuments("01-a.html", "1. A", [{ id: "W", heading: "Waiting", text: "in line" }]),
      ...searchDocuments("03-b.html", "3. B", SECTIONS),
    ];
    const window: { COURSE_SEARCH?: { options: object; query: object; index: object } } = {};
    vm.runInNewContext(searchIndexScript(docs), { window });
    const data = window.COURSE_SEARCH!;
    const index = MiniSearch.loadJS<SearchDocument>(data.index as never, data.options as never);
    const results = index.search("togethr", data.query); // a typo, found by fuzzy search
    assert.equal(results[0]?.url, "03-b.html#Option-A%3A-Promise.all");
  });

  it("never puts '</' raw in the script", () => {
    const docs = searchDocuments("a.html", "A", [{ id: "x", heading: "x", text: "</script>" }]);
    assert.doesNotMatch(searchIndexScript(docs), /<\//);
  });
});

describe("uniqueTerm()", () => {
  const pages = new Map([
    ["01-a.html", "waiting together settles promises"],
    ["03-b.html", "promises settle together; allsettled waits; deadline deadline; backpressure"],
  ]);

  it("picks the rarest word only the target uses, longest first among equals", () => {
    // "allsettled" and "backpressure" occur once; "deadline" twice; "settle" is a prefix of "settles".
    assert.equal(uniqueTerm(pages, "03-b.html"), "backpressure");
  });

  it("skips a word whose prefix or small typo another page matches", () => {
    const typo = new Map([
      ["01-a.html", "backpresure deadlines"],
      ["03-b.html", "backpressure deadline allsettled"],
    ]);
    assert.equal(uniqueTerm(typo, "03-b.html"), "allsettled");
  });

  it("returns undefined when the target shares every word", () => {
    assert.equal(
      uniqueTerm(
        new Map([
          ["a", "promise"],
          ["b", "promise"],
        ]),
        "a",
      ),
      undefined,
    );
  });
});

describe("termsOf() and editDistance()", () => {
  it("splits text as MiniSearch's tokenizer does, lower-cased", () => {
    assert.deepEqual(termsOf("Promise.allSettled(ps)"), ["promise", "allsettled", "ps"]);
  });

  it("counts insertions, deletions and substitutions", () => {
    assert.equal(editDistance("kitten", "sitting"), 3);
    assert.equal(editDistance("", "abc"), 3);
    assert.equal(QUERY_OPTIONS.prefix, true);
  });
});
