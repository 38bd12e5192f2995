import assert from "node:assert/strict";
import { ranBeforeTimer } from "@async-ts/lib";

describe("ranBeforeTimer()", () => {
  it("runs a whole process.nextTick chain before the 0 ms timer", async () => {
    const { ran } = await ranBeforeTimer((next) => process.nextTick(next), 20_000);
    assert.equal(ran, 20_000);
  });

  it("runs a whole promise chain before the 0 ms timer", async () => {
    const { ran } = await ranBeforeTimer((next) => void Promise.resolve().then(next), 20_000);
    assert.equal(ran, 20_000);
  });

  it("lets the timer in early behind a setImmediate chain", async () => {
    const { ran, lateMs } = await ranBeforeTimer((next) => void setImmediate(next), 1_000_000);
    assert.ok(ran < 1_000_000, `all ${ran} immediates ran before the timer`);
    assert.ok(lateMs < 1000, `the timer fired ${lateMs} ms late`);
  });

  it("rejects a bad length, naming it", async () => {
    await assert.rejects(
      ranBeforeTimer((next) => next(), 0),
      {
        message: /'length' must be a whole number >= 1, got 0/,
      },
    );
  });
});
