import assert from "node:assert/strict";
import { newRun } from "@async-ts/lib";
import { useTimeScale } from "../helpers.js";

/** Runs fn with console.log captured; resolves with the printed lines. */
async function linesPrintedBy(fn: () => unknown): Promise<string[]> {
  const original = console.log;
  const lines: string[] = [];
  console.log = (...args: unknown[]) => void lines.push(args.join(" "));
  try {
    await fn();
  } finally {
    console.log = original;
  }
  return lines;
}

describe("newRun()", () => {
  useTimeScale(0.05);

  it("runs its documented example: logs starts and ends in guide seconds, draws both bars", async () => {
    const run = newRun("two downloads");
    const lines = await linesPrintedBy(() =>
      Promise.all([run.download("A", 300), run.download("B", 100)]),
    );
    assert.deepEqual(
      lines.map((l) => l.replace(/^\d+\.\d\d s {2}/, "")),
      ["A starts (0.3 s)", "B starts (0.1 s)", "B done", "A done"],
    );
    // At time scale 0.05, 0.1 guide seconds is 5 real ms: a busy machine can add a few of them,
    // so B must only end after its own wait and before A's.
    const [doneB, doneA] = [lines[2], lines[3]].map((l) => Number(l!.split(" ")[0]));
    assert.ok(doneB! >= 0.09 && doneB! < doneA!, `B done at ${doneB} s, A at ${doneA} s`);
    assert.deepEqual(
      run.tl.spans.map((s) => [s.name, s.status]),
      [
        ["A", "ok"],
        ["B", "ok"],
      ],
    );
    assert.equal(run.tl.title, "two downloads");
  });

  it("makes download fail on request, with '<name> failed', and logs it", async () => {
    const run = newRun("failing");
    let error: unknown;
    const lines = await linesPrintedBy(() =>
      run.download("B", 50, true).catch((e: unknown) => {
        error = e;
      }),
    );
    assert.equal((error as Error).message, "B failed");
    assert.match(lines.at(-1)!, /B failed$/);
    assert.equal(run.tl.spans[0]?.status, "error");
  });

  it("names a bad title", () => {
    assert.throws(() => newRun(""), {
      message: "Cannot make a run: 'title' must be a non-empty string, got ''",
    });
  });
});
