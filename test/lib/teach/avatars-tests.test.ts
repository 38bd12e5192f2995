import assert from "node:assert/strict";
import { avatarsTests, checkCode, type FetchAvatars } from "@async-ts/lib";
import { quietly, useTimeScale } from "../helpers.js";

const failed = (lines: string[]) => lines.filter((l) => l.startsWith("✘ ") && !l.includes("()"));

describe("avatarsTests()", () => {
  useTimeScale(0.05);

  it("runs its documented example: one async arrow per id passes every test", async () => {
    const fetchAvatars: FetchAvatars = (fetchUser, fetchAvatar, ids) =>
      Promise.all(ids.map(async (id) => fetchAvatar(await fetchUser(id))));
    const result = await quietly(() => checkCode("fetchAvatars()", avatarsTests(fetchAvatars)));
    assert.equal(result.state, "right", result.lines.join("\n"));
  });

  it("fails the one-at-a-time loop on the two 'together' tests only", async () => {
    const inLine: FetchAvatars = async (fetchUser, fetchAvatar, ids) => {
      const avatars: string[] = [];
      for (const id of ids) avatars.push(await fetchAvatar(await fetchUser(id)));
      return avatars;
    };
    const result = await quietly(() => checkCode("fetchAvatars()", avatarsTests(inLine)));
    assert.equal(failed(result.lines).length, 2, result.lines.join("\n"));
    assert.match(result.lines.join("\n"), /✘ starts every user fetch before the first one ends/);
  });

  it("fails all users first, then all avatars, on the 'as soon as' test only", async () => {
    const inWaves: FetchAvatars = async (fetchUser, fetchAvatar, ids) =>
      Promise.all((await Promise.all(ids.map(fetchUser))).map(fetchAvatar));
    const result = await quietly(() => checkCode("fetchAvatars()", avatarsTests(inWaves)));
    assert.equal(failed(result.lines).length, 1, result.lines.join("\n"));
    assert.match(result.lines.join("\n"), /✘ starts bob's avatar as soon as bob's user is there/);
  });

  it("fails an answer that returns the avatars in the order they arrived", async () => {
    const byArrival: FetchAvatars = async (fetchUser, fetchAvatar, ids) => {
      const avatars: string[] = [];
      await Promise.all(
        ids.map(async (id) => avatars.push(await fetchAvatar(await fetchUser(id)))),
      );
      return avatars;
    };
    const result = await quietly(() => checkCode("fetchAvatars()", avatarsTests(byArrival)));
    assert.match(result.lines.join("\n"), /✘ gives the avatars in the order of the ids/);
  });

  it("reports the stub as not answered", async () => {
    const stub: FetchAvatars = () => {
      throw new Error("TODO: fetch them together");
    };
    const result = await quietly(() => checkCode("fetchAvatars()", avatarsTests(stub)));
    assert.equal(result.state, "unanswered");
  });

  it("names a bad argument", () => {
    assert.throws(() => avatarsTests(3 as never), /expected a function, got number/);
  });
});
