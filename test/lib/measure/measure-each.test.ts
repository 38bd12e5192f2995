import assert from "node:assert/strict";
import { Timeline, measureEach, sleep } from "@async-ts/lib";
import { useTimeScale } from "../helpers.js";

describe("measureEach()", () => {
  useTimeScale(1);

  it("runs its documented example: starts every call at once, a latency for each", async () => {
    const started = performance.now();
    const latencies = await measureEach([() => sleep(300), () => sleep(500)]);
    const total = performance.now() - started;
    assert.equal(latencies.length, 2);
    assert.ok(latencies[0]! >= 0.29 && latencies[0]! < 0.45, `first took ${latencies[0]} s`);
    assert.ok(latencies[1]! >= 0.49 && latencies[1]! < 0.75, `second took ${latencies[1]} s`);
    assert.ok(total < 750, `together they took ${total} ms, as if one after another`);
  });

  it("draws each call in its own lane on a timeline", async () => {
    const timeline = new Timeline();
    await measureEach([() => sleep(10), () => 1, () => sleep(20)], { timeline, name: "call" });
    assert.deepEqual(
      timeline.spans.map((span) => [span.name, span.lane]),
      [
        ["call", "call 1"],
        ["call", "call 2"],
        ["call", "call 3"],
      ],
    );
  });

  it("rejects with a call's error once every call settled, and names bad input", async () => {
    let slowDone = false;
    const slow = async () => {
      await sleep(50);
      slowDone = true;
    };
    await assert.rejects(
      measureEach([() => Promise.reject(new Error("boom")), slow]),
      /^Error: boom$/,
    );
    assert.ok(slowDone, "the slow call finished before the rejection");
    await assert.rejects(
      measureEach([() => 1, 2 as never]),
      /'calls' must be an array of functions/,
    );
  });
});
