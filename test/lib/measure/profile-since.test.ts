import assert from "node:assert/strict";
import { Session } from "node:inspector/promises";
import { profileClockUs, profileSince, topFrames } from "@async-ts/lib";

const callFrame = (functionName: string) => ({ functionName, url: "file:///a.js", lineNumber: 0 });
const nodes = [
  { id: 1, callFrame: callFrame("start") },
  { id: 2, callFrame: callFrame("stall") },
];

describe("profileSince()", () => {
  it("drops the samples taken before the moment, counting the first kept one from it", () => {
    const profile = {
      nodes,
      startTime: 1000,
      samples: [1, 1, 2, 2],
      timeDeltas: [400, 400, 300, 300],
    };
    const cut = profileSince(profile, 1500); // samples at 1400, 1800, 2100, 2400
    assert.deepEqual(cut.samples, [1, 2, 2]);
    assert.deepEqual(cut.timeDeltas, [300, 300, 300]);
    assert.equal(cut.startTime, 1500);
    assert.deepEqual(profile.samples, [1, 1, 2, 2], "the original is untouched");
  });

  it("finds a moment from profileClockUs() in a real profile", async () => {
    const session = new Session();
    session.connect();
    try {
      await session.post("Profiler.enable");
      await session.post("Profiler.start");
      const since = profileClockUs();
      const end = performance.now() + 50;
      while (performance.now() < end); // a 50 ms stall
      const { profile } = await session.post("Profiler.stop");
      assert.ok(
        since >= profile.startTime && since <= profile.endTime,
        "the moment is in the profile",
      );
      const kept = profileSince(profile, since).timeDeltas!.reduce((a, b) => a + b, 0);
      assert.ok(kept > 30_000 && kept <= profile.endTime - since + 1, `kept ${kept} µs`);
      assert.ok(topFrames(profileSince(profile, since), 1).length === 1);
    } finally {
      session.disconnect();
    }
  });

  it("names a profile without a start time and a bad moment", () => {
    // @ts-expect-error: a wrong argument, as plain JavaScript could pass it
    assert.throws(() => profileSince({ nodes }, 0), { message: /numeric 'startTime'/ });
    assert.throws(() => profileSince({ nodes, startTime: 0 }, NaN), {
      message: "Cannot cut profile: 'sinceUs' must be a finite number, got NaN",
    });
  });
});
