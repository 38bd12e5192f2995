import assert from "node:assert/strict";
import { peakPendingPromises, sleep } from "../../../lib/src/index.ts";

describe("peakPendingPromises()", function () {
  it("runs its documented example: 100 sleeps at once are all pending together", async function () {
    const { peak } = await peakPendingPromises(() =>
      Promise.all(Array.from({ length: 100 }, () => sleep(10))),
    );
    assert.ok(peak >= 100, `peak ${peak}`);
  });

  it("sees far fewer pending when the same work runs one at a time", async function () {
    const oneByOne = await peakPendingPromises(async () => {
      for (let i = 0; i < 100; i++) await sleep(1);
    });
    assert.ok(oneByOne.peak < 20, `peak ${oneByOne.peak}`);
    assert.ok(oneByOne.created >= 100, `created ${oneByOne.created}`);
  });

  it("passes the value through, and a rejection too, with the hooks off afterwards", async function () {
    assert.equal((await peakPendingPromises(() => Promise.resolve(42))).value, 42);
    await assert.rejects(
      peakPendingPromises(() => Promise.reject(new Error("boom"))),
      /^Error: boom$/,
    );
    const after = await peakPendingPromises(() => Promise.resolve());
    assert.ok(after.peak <= 3, `a fresh run starts from nothing, peak ${after.peak}`);
  });
});
