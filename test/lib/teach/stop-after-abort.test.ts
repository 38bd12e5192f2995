import assert from "node:assert/strict";
import { blockFor, sleep, stopAfterAbort, Timeline } from "@async-ts/lib";
import { useTimeScale } from "../helpers.js";

describe("stopAfterAbort()", () => {
  useTimeScale(0.05);
  const quiet = { abortAfterMs: 300, print: false };

  it("runs its documented example: a sleep given the signal stops at the abort", async () => {
    const r = await stopAfterAbort("sleep", (signal) => sleep(1000, { signal }), quiet);
    assert.equal(r.outcome, "AbortError");
    assert.equal(r.dueAtS, 0.3);
    // Generous window: 0.05 guide s is 2.5 real ms at this scale.
    assert.ok(r.ranOnMs < 200, `ran on ${r.ranOnMs} guide ms`);
    assert.match(r.line, /^sleep: abort\(\) at 0\.\d\d s.*; ran on \d+ ms \(AbortError\)$/);
  });

  it("reports work that ignores the signal as running on to its end", async () => {
    const r = await stopAfterAbort("deaf sleep", () => sleep(1000), quiet);
    assert.equal(r.outcome, "finished");
    assert.ok(r.ranOnMs > 500 && r.ranOnMs < 1500, `ran on ${r.ranOnMs} guide ms`);
  });

  it("counts the progress units done after abort()", async () => {
    let done = 0;
    const chunks = async (signal?: AbortSignal): Promise<void> => {
      for (let i = 0; i < 20; i++) {
        signal?.throwIfAborted();
        blockFor(50);
        done++;
        await new Promise((resolve) => setImmediate(resolve));
      }
    };
    const options = { ...quiet, progress: () => done, unit: "chunk" };
    const deaf = await stopAfterAbort("deaf loop", () => chunks(), options);
    const honest = await stopAfterAbort("loop", (signal) => chunks(signal), options);
    assert.ok(deaf.unitsAfterAbort! >= 8, `deaf loop: ${deaf.unitsAfterAbort} chunks after`);
    assert.equal(honest.unitsAfterAbort, 0);
    assert.match(deaf.line, /, \d+ chunk\(s\) of work after it$/);
  });

  it("says when the work finished before abort() could run (a blocked loop)", async () => {
    const r = await stopAfterAbort("blocking", () => blockFor(600), quiet);
    assert.equal(r.outcome, "finished before abort()");
    assert.equal(r.abortedAtS, undefined);
    assert.equal(r.ranOnMs, 0);
    assert.match(r.line, /finished at 0\.\d\d s, before abort\(\) could run \(due at 0\.30 s\)/);
  });

  it("names a rejection that is not an abort, and never rejects itself", async () => {
    const r = await stopAfterAbort("fails", () => Promise.reject(new RangeError("bad")), quiet);
    assert.equal(r.outcome, "RangeError");
  });

  it("draws each run from 0 in its own lane: before and after abort()", async () => {
    const tl = new Timeline();
    await sleep(100);
    await stopAfterAbort("a", (signal) => sleep(1000, { signal }), { ...quiet, timeline: tl });
    await stopAfterAbort("b", () => sleep(600), { ...quiet, timeline: tl });
    const names = tl.spans.map((s) => `${s.lane}:${s.name}:${s.status}`).sort();
    assert.deepEqual(names, [
      "a:after abort():cancelled",
      "a:before abort():ok",
      "b:after abort():ok",
      "b:before abort():ok",
    ]);
    for (const s of tl.spans.filter((x) => x.name === "before abort()")) {
      assert.ok(Math.abs(s.start) < 1, `starts at ${s.start} ms`);
    }
  });

  it("names a bad argument in its error", async () => {
    await assert.rejects(
      stopAfterAbort("", () => 1, quiet),
      { message: /'label' must be/ },
    );
    await assert.rejects(stopAfterAbort("x", {} as never, quiet), { message: /'work' must be/ });
    await assert.rejects(
      stopAfterAbort("x", () => 1, { abortAfterMs: -1 }),
      {
        message: /'abortAfterMs' must be a number >= 0, got -1/,
      },
    );
  });
});
