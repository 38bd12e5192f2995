import assert from "node:assert/strict";
import { blockFor, formatLoopHealth, loopHealth, sleep } from "@async-ts/lib";
import { useTimeScale } from "../helpers.js";

describe("loopHealth()", () => {
  useTimeScale(0.01);

  it("runs its documented example: a blocked loop shows a large max delay", async () => {
    const health = await loopHealth(() => blockFor(20_000)); // 200 ms real
    assert.ok(health.maxMs > 150, `max ${health.maxMs} ms`);
    assert.ok(health.utilization > 0.5, `utilization ${health.utilization}`);
    assert.match(
      formatLoopHealth(health),
      /^loop delay p50 [\d.]+ ms, p99 [\d.]+ ms, max [\d.]+ ms \(\d+ samples\); busy \d+% of [\d.]+ s \(real\)$/,
    );
  });

  it("shows a healthy loop while only waiting", async () => {
    const health = await loopHealth(() => sleep(20_000).then(() => "done"));
    assert.equal(health.value, "done");
    assert.ok(health.maxMs < 100, `max ${health.maxMs} ms`);
    assert.ok(health.utilization < 0.5, `utilization ${health.utilization}`);
    assert.ok(health.wallMs >= 195, `wall ${health.wallMs} ms`);
  });

  it("counts its samples: one per resolution while free, one for a whole block", async () => {
    const free = await loopHealth(() => sleep(20_000), { resolutionMs: 1 }); // 200 ms real
    const blocked = await loopHealth(() => blockFor(20_000), { resolutionMs: 1 });
    // A free loop samples about every millisecond (fewer when the machine is busy).
    assert.ok(free.samples > 50, `free: ${free.samples} samples`);
    // Blocked, the monitor's own timer cannot fire: the lead-in, the block and the tail only.
    assert.ok(blocked.samples < 10, `blocked: ${blocked.samples} samples`);
    assert.equal(blocked.p99Ms, blocked.maxMs, "p99 of a few samples is their maximum");
  });

  it("rejects for a non-function and passes the work's error through", async () => {
    // @ts-expect-error: a wrong argument, as plain JavaScript could pass it
    await assert.rejects(loopHealth(42), {
      message: "Cannot watch loop: 'work' must be a function, got number",
    });
    await assert.rejects(
      loopHealth(() => Promise.reject(new Error("inner"))),
      { message: "inner" },
    );
  });
});
