import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { runPython } from "@async-ts/lib";

const hasPython = (() => {
  try {
    execFileSync("python3", ["--version"]);
    return true;
  } catch {
    return false;
  }
})();

describe("runPython()", () => {
  it("passes the arguments and returns what the program printed", async function () {
    if (!hasPython) this.skip();
    const run = await runPython("import sys; print(int(sys.argv[1]) * 2)", ["21"]);
    assert.deepEqual([run.available, run.exitCode, run.stdout], [true, 0, "42\n"]);
    assert.equal(run.message, "42");
  });

  it("reports a failing program with its exit code and last error line, without throwing", async function () {
    if (!hasPython) this.skip();
    const run = await runPython("raise SystemExit('bad input')");
    assert.equal(run.exitCode, 1);
    assert.equal(run.message, "python3 failed (exit code 1): bad input");
  });

  it("reports a missing python3 instead of rejecting", async () => {
    const saved = process.env.PATH;
    process.env.PATH = "/nonexistent";
    try {
      const run = await runPython("print(1)");
      assert.equal(run.available, false);
      assert.match(run.message, /python3 not found/);
    } finally {
      process.env.PATH = saved;
    }
  });

  it("rejects a program that is not a string, naming what it got", async () => {
    await assert.rejects(runPython(3 as never), {
      message: /'program' must be a string, got number/,
    });
  });
});
