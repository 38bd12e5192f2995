import assert from "node:assert/strict";
import { placeNavigation } from "../../scripts/contents/navigation.ts";
import type { Notebook } from "../../scripts/contents/notebook-file.ts";
import { describeRanOn, ranOn, readRanOn } from "../../scripts/ran-on.ts";

const ran = { node: "v26.12.1", "@google/genai": "3.6.1", tslab: "1.0.22" };
const notebook = (metadata: Record<string, unknown>): Notebook => ({
  cells: [{ cell_type: "markdown", id: "a1", metadata: {}, source: ["# 1. First"] }],
  metadata,
  nbformat: 4,
  nbformat_minor: 5,
});

describe("ranOn()", function () {
  it("reads this checkout's Node, @google/genai 3.x and tslab versions", async function () {
    const found = await ranOn();
    assert.equal(found.node, process.version);
    assert.match(found["@google/genai"], /^3\.\d+\.\d+$/);
    assert.match(found.tslab, /^\d+\.\d+\.\d+$/);
  });
});

describe("readRanOn()", function () {
  it("reads metadata.async_ts.ran_on and ignores an incomplete one", function () {
    assert.deepEqual(readRanOn({ async_ts: { ran_on: ran } }), ran);
    assert.equal(readRanOn({ async_ts: { ran_on: { node: "v26.12.1" } } }), undefined);
    assert.equal(readRanOn({}), undefined);
  });
});

describe("placeNavigation() with ran_on", function () {
  it("names the versions the outputs ran on in the top navigation cell only", function () {
    const placed = placeNavigation(notebook({ async_ts: { ran_on: ran } }), undefined, undefined);
    const [top, bottom] = [placed.cells[1]!, placed.cells.at(-1)!].map((c) =>
      [c.source].flat().join(""),
    );
    assert.equal(
      top,
      "[Contents](00-index.ipynb)\n\n_Outputs stored on Node v26.12.1 with @google/genai 3.6.1 and tslab 1.0.22._",
    );
    assert.equal(bottom, "[Contents](00-index.ipynb)");
    assert.equal(describeRanOn(ran), top.split("_")[1]);
  });

  it("leaves the navigation as it was when nothing was recorded", function () {
    const placed = placeNavigation(notebook({}), undefined, undefined);
    assert.equal([placed.cells[1]!.source].flat().join(""), "[Contents](00-index.ipynb)");
  });
});
