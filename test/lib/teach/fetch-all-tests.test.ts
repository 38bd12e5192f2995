import assert from "node:assert/strict";
import { checkCode, fetchAllTests, type FetchAll } from "@async-ts/lib";
import { quietly, useTimeScale } from "../helpers.js";

describe("fetchAllTests()", () => {
  useTimeScale(0.05);

  it("runs its documented example: Promise.all over the names passes every test", async () => {
    const fetchAll: FetchAll = (fetchPage, names) => Promise.all(names.map(fetchPage));
    const result = await quietly(() => checkCode("fetchAll()", fetchAllTests(fetchAll)));
    assert.equal(result.state, "right", result.lines.join("\n"));
  });

  it("fails the one-at-a-time loop on the 'wait together' test only", async () => {
    const inLine: FetchAll = async (fetchPage, names) => {
      const pages: string[] = [];
      for (const name of names) pages.push(await fetchPage(name));
      return pages;
    };
    const result = await quietly(() => checkCode("fetchAll()", fetchAllTests(inLine)));
    assert.deepEqual(
      result.lines.filter((l) => l.startsWith("✘ ") && !l.includes("fetchAll()")).length,
      1,
    );
    assert.match(result.lines.join("\n"), /✘ starts every fetch before the first one ends/);
  });

  it("fails an answer that returns the pages in the order they arrived", async () => {
    const byArrival: FetchAll = async (fetchPage, names) => {
      const pages: string[] = [];
      await Promise.all(names.map(async (n) => pages.push(await fetchPage(n))));
      return pages;
    };
    const result = await quietly(() => checkCode("fetchAll()", fetchAllTests(byArrival)));
    assert.match(result.lines.join("\n"), /✘ gives the pages in the order of the names/);
  });

  it("reports the stub as not answered", async () => {
    const stub: FetchAll = () => {
      throw new Error("TODO: fetch them together");
    };
    const result = await quietly(() => checkCode("fetchAll()", fetchAllTests(stub)));
    assert.equal(result.state, "unanswered");
  });

  it("names a bad argument", () => {
    assert.throws(() => fetchAllTests(3 as never), /expected a function, got number/);
  });
});
