import assert from "node:assert/strict";
import { setImmediate as yieldToLoop } from "node:timers/promises";
import {
  checkCode,
  countToTests,
  handleSignupTests,
  saveAllTests,
  type CountTo,
  type HandleSignup,
  type SaveAll,
} from "@async-ts/lib";
import { quietly, useTimeScale } from "../helpers.js";

const failedLines = (lines: string[]): string => lines.filter((l) => l.startsWith("✘ ")).join("\n");

describe("handleSignupTests()", () => {
  useTimeScale(0.05);

  it("runs its documented example: await the save, handle the audit, passes every test", async () => {
    const solution: HandleSignup = async (name, saveUser, audit, report) => {
      await saveUser(name);
      void audit(name).catch(report);
      return "201 Created";
    };
    const result = await quietly(() => checkCode("handleSignup()", handleSignupTests(solution)));
    assert.equal(result.state, "right", result.lines.join("\n"));
  });

  it("fails the floating version: the save is not awaited and the audit's failure is unhandled", async () => {
    const floating: HandleSignup = (name, saveUser, audit) => {
      void saveUser(name).catch(() => undefined);
      void audit(name);
      return Promise.resolve("201 Created");
    };
    const result = await quietly(() => checkCode("handleSignup()", handleSignupTests(floating)));
    const failed = failedLines(result.lines);
    assert.match(failed, /✘ resolves "201 Created" after the save.*answered before the save/);
    assert.match(failed, /✘ a failed save rejects it/);
    assert.match(failed, /✘ a failed audit.*what report\(\) got/);
  });

  it("fails an answer that awaits the audit too", async () => {
    const waits: HandleSignup = async (name, saveUser, audit, report) => {
      await saveUser(name);
      await audit(name).catch(report);
      return "201 Created";
    };
    const result = await quietly(() => checkCode("handleSignup()", handleSignupTests(waits)));
    assert.match(failedLines(result.lines), /✘ resolves .*it waited for the audit/);
  });

  it("reports the stub as not answered and names a bad argument", async () => {
    const stub: HandleSignup = () => Promise.reject(new Error("TODO: fix it"));
    const result = await quietly(() => checkCode("handleSignup()", handleSignupTests(stub)));
    assert.equal(result.state, "unanswered");
    assert.throws(() => handleSignupTests(null as never), /expected a function, got object/);
  });
});

describe("saveAllTests()", () => {
  useTimeScale(0.05);

  it("runs its documented example: Promise.allSettled, then the first failure, passes every test", async () => {
    const solution: SaveAll = async (ids, saveOne) => {
      const results = await Promise.allSettled(ids.map((id) => saveOne(id)));
      const failed = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
      if (failed) throw failed.reason;
    };
    const result = await quietly(() => checkCode("saveAll()", saveAllTests(solution)));
    assert.equal(result.state, "right", result.lines.join("\n"));
  });

  it("fails Promise.all, which rejects at the first failure while the other saves still run", async () => {
    const all: SaveAll = async (ids, saveOne) => {
      await Promise.all(ids.map((id) => saveOne(id)));
    };
    const result = await quietly(() => checkCode("saveAll()", saveAllTests(all)));
    assert.equal(result.state, "wrong");
    assert.match(failedLines(result.lines), /^✘ when a save fails, the other saves finish/m);
  });

  it("fails a for...of loop that stops at the failed save and never saves the rest", async () => {
    const serial: SaveAll = async (ids, saveOne) => {
      for (const id of ids) await saveOne(id);
    };
    const result = await quietly(() => checkCode("saveAll()", saveAllTests(serial)));
    assert.equal(result.state, "wrong");
    assert.match(failedLines(result.lines), /^✘ when a save fails, the other saves finish/m);
  });

  it("fails forEach(async ...): nothing saved on return, the failure unhandled", async () => {
    // The bug under test, on purpose: forEach drops the promises its async callback returns.
    // eslint-disable-next-line @typescript-eslint/require-await
    const forEach: SaveAll = async (ids, saveOne) => {
      // eslint-disable-next-line @typescript-eslint/no-misused-promises
      ids.forEach(async (id) => {
        await saveOne(id);
      });
    };
    const result = await quietly(() => checkCode("saveAll()", saveAllTests(forEach)));
    assert.equal(result.state, "wrong");
    assert.match(failedLines(result.lines), /✘ all three saved.*\n✘ a failed save.*it resolved/);
  });

  it("reports the stub as not answered and names a bad argument", async () => {
    const stub: SaveAll = () => Promise.reject(new Error("TODO: wait for every save"));
    const result = await quietly(() => checkCode("saveAll()", saveAllTests(stub)));
    assert.equal(result.state, "unanswered");
    assert.throws(() => saveAllTests(3 as never), /expected a function, got number/);
  });
});

describe("countToTests()", () => {
  it("runs its documented example: a check before every chunk passes every test", async () => {
    const solution: CountTo = async (n, { signal } = {}) => {
      let count = 0;
      for (;;) {
        signal?.throwIfAborted();
        if (count >= n) return count;
        const end = Math.min(n, count + 10_000);
        while (count < end) count++;
        await yieldToLoop();
      }
    };
    const result = await quietly(() => checkCode("countTo()", countToTests(solution)));
    assert.equal(result.state, "right", result.lines.join("\n"));
  });

  it("fails a loop that checks only inside 'while (count < n)': n = 0 resolves on an aborted signal", async () => {
    const checksInside: CountTo = async (n, { signal } = {}) => {
      let count = 0;
      while (count < n) {
        signal?.throwIfAborted();
        const end = Math.min(n, count + 10_000);
        while (count < end) count++;
        await yieldToLoop();
      }
      return count;
    };
    const result = await quietly(() => checkCode("countTo()", countToTests(checksInside)));
    assert.match(failedLines(result.lines), /✘ rejects at once .*countTo resolved anyway/);
    assert.equal(result.lines.filter((l) => l.startsWith("✘ ")).length, 2); // that test and the total
  });

  it("fails a loop that never yields: no timer fires, the abort comes too late", async () => {
    // eslint-disable-next-line @typescript-eslint/require-await
    const blocking: CountTo = async (n, { signal } = {}) => {
      signal?.throwIfAborted();
      let count = 0;
      while (count < n) count++;
      return count;
    };
    const result = await quietly(() => checkCode("countTo()", countToTests(blocking)));
    const failed = failedLines(result.lines);
    assert.match(failed, /✘ lets a timer fire/);
    assert.match(failed, /✘ stops within 250 ms/);
  });

  it("reports the stub as not answered and names a bad argument", async () => {
    const stub: CountTo = () => Promise.reject(new Error("TODO: count in chunks"));
    const result = await quietly(() => checkCode("countTo()", countToTests(stub)));
    assert.equal(result.state, "unanswered");
    assert.throws(() => countToTests("x" as never), /expected a function, got string/);
  });
});
