import assert from "node:assert/strict";
import {
  checkCode,
  fakeOp,
  firstSuccessTests,
  loadPageTests,
  type FirstSuccess,
  type LoadPage,
} from "@async-ts/lib";
import { quietly, useTimeScale } from "../helpers.js";

describe("fakeOp()", () => {
  useTimeScale(0.05);

  it("runs its documented example and records its call and its end", async () => {
    const t0 = performance.now();
    const user = fakeOp("user", 100, false, t0);
    assert.equal(await user.start(), "user's data");
    await user.settled;
    assert.equal(user.calls, 1);
    assert.ok(user.calledAt >= 0 && user.calledAt < user.settledAt, JSON.stringify(user));
  });

  it("rejects with '<name> failed' and still resolves 'settled'", async () => {
    const ads = fakeOp("ads", 10, true, performance.now());
    await assert.rejects(ads.start(), { message: "ads failed" });
    await ads.settled;
    assert.ok(Number.isFinite(ads.settledAt));
  });

  it("names a bad duration", () => {
    assert.throws(() => fakeOp("x", -1, false, 0), {
      message: "Cannot make fake operation 'x': 'ms' must be >= 0, got -1",
    });
  });
});

describe("loadPageTests()", () => {
  useTimeScale(0.05);

  it("runs its documented example: the model answer passes every test", async () => {
    const loadPage: LoadPage = async (getUser, getAds, showUser) => {
      const ads = getAds().catch(() => null);
      const user = await getUser();
      showUser(user);
      return { user, ads: await ads };
    };
    const result = await quietly(() => checkCode("loadPage()", loadPageTests(loadPage)));
    assert.equal(result.state, "right", result.lines.join("\n"));
  });

  it("catches the late handler: ads failing before the user arrives are unhandled", async () => {
    const loadPage: LoadPage = async (getUser, getAds, showUser) => {
      const [u, a] = [getUser(), getAds()];
      const user = await u;
      showUser(user);
      return { user, ads: await a.catch(() => null) };
    };
    const result = await quietly(() => checkCode("loadPage()", loadPageTests(loadPage)));
    assert.equal(result.state, "wrong");
    assert.match(result.lines.join("\n"), /✘ ads fail \(0\.5 s\).*got \["Error: ads failed"\]/);
  });

  it("catches Promise.all: the user is shown only when the ads are in", async () => {
    const loadPage: LoadPage = async (getUser, getAds, showUser) => {
      const [user, ads] = await Promise.all([getUser(), getAds().catch(() => null)]);
      showUser(user);
      return { user, ads };
    };
    const result = await quietly(() => checkCode("loadPage()", loadPageTests(loadPage)));
    assert.deepEqual(
      result.lines.filter((l) => l.startsWith("✘ calls")).length,
      1,
      result.lines.join("\n"),
    );
  });

  it("reports the stub as not answered", async () => {
    const stub: LoadPage = () => Promise.reject(new Error("TODO: write it"));
    const result = await quietly(() => checkCode("loadPage()", loadPageTests(stub)));
    assert.equal(result.state, "unanswered");
  });

  it("names a bad argument", () => {
    assert.throws(() => loadPageTests(undefined as never), /expected a function, got undefined/);
  });
});

describe("firstSuccessTests()", () => {
  useTimeScale(0.05);

  it("runs its documented example: a hand-written Promise.any passes every test", async () => {
    const firstSuccess: FirstSuccess = (promises) =>
      new Promise((resolve, reject) => {
        const reasons: unknown[] = [];
        let failed = 0;
        if (promises.length === 0) reject(new AggregateError([], "All promises were rejected"));
        promises.forEach((p, i) => {
          void p.then(resolve, (reason: unknown) => {
            reasons[i] = reason;
            if (++failed === promises.length) reject(new AggregateError(reasons, "All failed"));
          });
        });
      });
    const result = await quietly(() =>
      checkCode("firstSuccess()", firstSuccessTests(firstSuccess)),
    );
    assert.equal(result.state, "right", result.lines.join("\n"));
  });

  it("fails Promise.any itself, reasons in arrival order, and a stray .then", async () => {
    const viaAny: FirstSuccess = (promises) => Promise.any(promises);
    const any = await quietly(() => checkCode("f", firstSuccessTests(viaAny)));
    assert.deepEqual(any.lines.filter((l) => l.startsWith("✘ ")).length, 2, any.lines.join("\n"));
    const sloppy: FirstSuccess = (promises) =>
      new Promise((resolve, reject) => {
        const reasons: unknown[] = [];
        if (promises.length === 0) reject(new AggregateError([], "none"));
        for (const p of promises) {
          void p.then(resolve);
          p.catch((reason: unknown) => {
            reasons.push(reason);
            if (reasons.length === promises.length) reject(new AggregateError(reasons, "all"));
          });
        }
      });
    const result = await quietly(() => checkCode("f", firstSuccessTests(sloppy)));
    const failed = result.lines.filter((l) => l.startsWith("✘ ")).join("\n");
    assert.match(failed, /input order: expected \["Error: a failed","Error: b failed"\]/);
    assert.match(failed, /leaves no rejection unhandled/);
  });

  it("reports the stub as not answered", async () => {
    const stub: FirstSuccess = () => {
      throw new Error("TODO: write it");
    };
    const result = await quietly(() => checkCode("f", firstSuccessTests(stub)));
    assert.equal(result.state, "unanswered");
  });
});
