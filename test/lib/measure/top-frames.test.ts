import assert from "node:assert/strict";
import { Session } from "node:inspector/promises";
import { topFrames, type CpuProfile } from "../../../lib/src/index.ts";

const frame = (id: number, functionName: string, lineNumber = 9, url = "file:///app/a.js") => ({
  id,
  callFrame: { functionName, url, lineNumber },
});

describe("topFrames()", function () {
  it("runs its documented example", function () {
    const profile = {
      nodes: [frame(1, "checksum")],
      samples: [1, 1],
      timeDeltas: [500, 500],
    };
    assert.deepEqual(topFrames(profile), [
      { function: "checksum", where: "a.js:10", selfMs: 1, share: 1 },
    ]);
  });

  it("sums a function's self time over every node it appears in, largest first", function () {
    const profile: CpuProfile = {
      nodes: [frame(1, "(root)", -1, ""), frame(2, "parse"), frame(3, "parse"), frame(4, "", 3)],
      samples: [2, 3, 3, 4, 1],
      timeDeltas: [1000, 1000, 1000, 500, 500],
    };
    assert.deepEqual(
      topFrames(profile, 2).map((f) => [f.function, f.where, f.selfMs, f.share]),
      [
        ["parse", "a.js:10", 3, 0.75],
        ["(anonymous)", "a.js:4", 0.5, 0.125],
      ],
    );
  });

  it("names the bad argument", function () {
    assert.throws(() => topFrames({} as CpuProfile), /Cannot read profile: it has no 'nodes' list/);
    assert.throws(
      () => topFrames({ nodes: [] }, 0),
      /Cannot read profile: 'count' must be an integer >= 1, got 0/,
    );
  });

  it("finds the function that burned the CPU in a real inspector profile", async function () {
    function burnTheCpu(): number {
      let sum = 0;
      for (let i = 0; i < 20_000_000; i++) sum = (sum + Math.sqrt(i)) % 1_000_003;
      return sum;
    }
    const session = new Session();
    session.connect();
    try {
      await session.post("Profiler.enable");
      await session.post("Profiler.start");
      burnTheCpu();
      const { profile } = await session.post("Profiler.stop");
      const [top] = topFrames(profile, 1);
      assert.equal(top?.function, "burnTheCpu");
      assert.ok((top?.share ?? 0) > 0.5, `share ${top?.share}`);
    } finally {
      session.disconnect();
    }
  });
});
