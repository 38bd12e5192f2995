import assert from "node:assert/strict";
import { checkCode, dashboardTests, Timeline, type LoadDashboard } from "@async-ts/lib";
import { quietly, useTimeScale } from "../helpers.js";

const check = (fn: LoadDashboard, timeline?: Timeline) =>
  quietly(() => checkCode("loadDashboard()", dashboardTests(fn, timeline)));

describe("dashboardTests()", () => {
  useTimeScale(0.02);

  it("runs its documented example: the user → profile chain beside the news passes", async () => {
    const timeline = new Timeline();
    const result = await check(async ({ fetchUser, fetchProfile, fetchNews }) => {
      const [profile, news] = await Promise.all([fetchUser().then(fetchProfile), fetchNews()]);
      return { profile, news };
    }, timeline);
    assert.equal(result.state, "right", result.lines.join("\n"));
    assert.deepEqual(timeline.spans.map((s) => s.name).sort(), [
      "fetchNews",
      "fetchProfile",
      "fetchUser",
    ]);
  });

  it("fails the one-after-another version on both ordering tests", async () => {
    const result = await check(async ({ fetchUser, fetchProfile, fetchNews }) => {
      const profile = await fetchProfile(await fetchUser());
      return { profile, news: await fetchNews() };
    });
    assert.equal(result.state, "wrong");
    assert.match(result.lines.join("\n"), /✘ fetchNews starts before fetchUser ends/);
  });

  it("fails the version that waits for the news before fetching the profile", async () => {
    const result = await check(async ({ fetchUser, fetchProfile, fetchNews }) => {
      const [id, news] = await Promise.all([fetchUser(), fetchNews()]);
      return { profile: await fetchProfile(id), news };
    });
    const failed = result.lines.filter((l) => l.startsWith("✘ "));
    assert.match(failed.join("\n"), /✘ fetchProfile starts before fetchNews ends/);
    assert.doesNotMatch(failed.join("\n"), /fetchNews starts before fetchUser ends/);
  });

  it("reports the stub as not answered", async () => {
    const result = await check(() => {
      throw new Error("TODO: start what you can at once");
    });
    assert.equal(result.state, "unanswered");
  });

  it("names a bad argument", () => {
    assert.throws(() => dashboardTests(null as never), /expected a function, got object/);
  });
});
