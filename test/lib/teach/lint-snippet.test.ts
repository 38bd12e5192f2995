import assert from "node:assert/strict";
import { readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { inspect } from "node:util";
import { lintSnippet } from "@async-ts/lib";

describe("lintSnippet()", () => {
  it("runs its documented example: a floating promise is reported", async () => {
    const found = await lintSnippet("async function save() {}\nsave();");
    assert.deepEqual(
      found.map((f) => `${f.line}:${f.column} ${f.rule}`),
      ["2:1 @typescript-eslint/no-floating-promises"],
    );
    assert.match(inspect(found), /^2:1 @typescript-eslint\/no-floating-promises Promises must be/);
  });

  it("reports an async callback where a void one is expected (no-misused-promises)", async () => {
    const found = await lintSnippet(
      "const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));\n" +
        "[1, 2].forEach(async (n) => { await wait(n); });",
    );
    assert.deepEqual(
      found.map((f) => `${f.line}:${f.rule}`),
      ["2:@typescript-eslint/no-misused-promises"],
    );
  });

  it("returns nothing for clean code with top-level await, shown as 'No problems.'", async () => {
    const found = await lintSnippet("async function save() {}\nawait save();\nvoid save();");
    assert.deepEqual(found, []);
    assert.equal(inspect(found), "No problems.");
  });

  it("runs only the rules it is given, and leaves no temporary folder behind", async () => {
    const before = (await readdir(tmpdir())).filter((n) => n.startsWith("lint-snippet-")).length;
    const found = await lintSnippet("async function save() {}\nsave();", {
      rules: { "@typescript-eslint/no-misused-promises": "error" },
    });
    assert.deepEqual(found, []);
    const after = (await readdir(tmpdir())).filter((n) => n.startsWith("lint-snippet-")).length;
    assert.ok(after <= before);
  });

  it("rejects a snippet that is not a string", async () => {
    await assert.rejects(lintSnippet(42 as unknown as string), TypeError);
    await assert.rejects(lintSnippet("", { rules: [] as never }), TypeError);
  });
});
