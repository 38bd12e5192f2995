import assert from "node:assert/strict";
import { countPrimes, primesLimitFor } from "@async-ts/lib";

describe("primesLimitFor()", () => {
  it("runs its documented example: a limit whose count takes about the asked CPU time", () => {
    const limit = primesLimitFor(200);
    assert.ok(Number.isInteger(limit) && limit >= 1000, `limit ${limit}`);
    // CPU time, as primesLimitFor calibrates: wall time depends on what else shares the core.
    const start = process.cpuUsage();
    countPrimes(limit);
    const used = process.cpuUsage(start);
    const ms = (used.user + used.system) / 1000;
    // A generous window: JIT state and caches still move CPU time.
    assert.ok(ms > 200 / 3 && ms < 200 * 3, `countPrimes(${limit}) took ${ms.toFixed(0)} ms`);
  });

  it("grows with the asked time", () => {
    assert.ok(primesLimitFor(100) > primesLimitFor(5));
  });

  it("names a bad duration", () => {
    for (const bad of [0, -1, Number.NaN, 1e9]) {
      assert.throws(() => primesLimitFor(bad), {
        name: "RangeError",
        message: `Cannot size CPU work: 'realMs' must be a number from 1 to 60000, got ${String(bad)}`,
      });
    }
  });
});
