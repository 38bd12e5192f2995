// What the async helpers keep alive after their tasks settle. Garbage collection can only be
// forced with --expose-gc, so a child `node --expose-gc` runs retention-probe.ts and reports.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const probe = path.join(path.dirname(fileURLToPath(import.meta.url)), "retention-probe.ts");

type Report = Record<string, { kept: number; of: number; alive: boolean }>;

describe("retention after settling (node --expose-gc)", () => {
  let report: Report = {};

  before(async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ["--expose-gc", "--import", "tsx", probe],
      { maxBuffer: 1 << 20 },
    );
    report = JSON.parse(stdout.trim().split("\n").pop()!) as Report;
  });

  const expectNoneKept = (check: string): void => {
    it(`keeps nothing: ${check}`, () => {
      const entry = report[check];
      assert.ok(entry !== undefined, `the probe reported no check named '${check}'`);
      assert.ok(entry.alive, "the helper itself was still alive when counting");
      assert.equal(entry.kept, 0, `${entry.kept} of ${entry.of} task arguments were still alive`);
    });
  };

  // limiter (issue 12, D): p-limit frees 500 of 500; the old limiter freed 1 of 500.
  expectNoneKept("limiter: finished tasks");
  expectNoneKept("limiter: finished tasks with a long-lived signal");
  expectNoneKept("limiter: aborted tasks, still behind a running one");
  expectNoneKept("limiter: cleared tasks (left pending, as in p-limit)");
  expectNoneKept("withTimeout: settled calls with a long-lived outer signal");
  expectNoneKept("withTimeout: settled calls whose work left a listener on its signal");
  expectNoneKept("withTimeout: timed-out calls whose work never settles");
  expectNoneKept("retry: calls that failed once, then succeeded, with a long-lived signal");
  expectNoneKept("pool: settled run and runTask calls with a long-lived signal");

  it("ran every check the probe has", () => {
    assert.equal(Object.keys(report).length, 9, Object.keys(report).join("; "));
  });
});
