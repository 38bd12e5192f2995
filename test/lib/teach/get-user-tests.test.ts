import assert from "node:assert/strict";
import { checkCode, getUserTests, type GetUser } from "@async-ts/lib";
import { quietly } from "../helpers.js";

const cache = new Map<string, string>();
const miss = (id: string, callback: (user: string) => void) =>
  void setTimeout(() => {
    cache.set(id, `user ${id}`);
    callback(`user ${id}`);
  }, 5);
const withHit =
  (defer: (f: () => void) => void): GetUser =>
  (id, callback) => {
    const hit = cache.get(id);
    if (hit !== undefined) defer(() => callback(hit));
    else miss(id, callback);
  };
const check = (getUser: GetUser) =>
  quietly(() => checkCode("getUser()", getUserTests(getUser, cache)));

describe("getUserTests()", () => {
  it("runs its documented example: queueMicrotask on a hit passes every test", async () => {
    const result = await check(withHit(queueMicrotask));
    assert.equal(result.state, "right", result.lines.join("\n"));
  });

  it("passes process.nextTick on a hit too", async () => {
    const result = await check(withHit((f) => process.nextTick(f)));
    assert.equal(result.state, "right", result.lines.join("\n"));
  });

  it("fails the synchronous hit of the original on 'after the caller's code'", async () => {
    const result = await check(withHit((f) => f()));
    assert.match(result.lines.join("\n"), /✘ a hit calls back after the caller's code/);
  });

  it("fails setImmediate on a hit: later, but not as soon as possible", async () => {
    const result = await check(withHit((f) => void setImmediate(f)));
    const failed = result.lines.filter((l) => l.startsWith("✘ ")).join("\n");
    assert.match(failed, /✘ a hit calls back before an immediate queued just before the call/);
    assert.doesNotMatch(failed, /✘ a hit calls back after the caller's code/);
  });

  it("reports the stub as not answered", async () => {
    const result = await check(() => {
      throw new Error("TODO: call back later");
    });
    assert.equal(result.state, "unanswered");
  });

  it("names a bad cache", () => {
    assert.throws(
      () => getUserTests(withHit(queueMicrotask), {} as never),
      /'cache' must be a Map/,
    );
  });
});
