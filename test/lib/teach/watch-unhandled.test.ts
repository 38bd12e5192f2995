import assert from "node:assert/strict";
import { sleep, watchUnhandled } from "@async-ts/lib";
import { useTimeScale } from "../helpers.js";

describe("watchUnhandled()", () => {
  useTimeScale(0.05);

  it("runs its documented example: a rejection nobody handles is collected, not fatal", async () => {
    const watched = await watchUnhandled(() => {
      void Promise.reject(new Error("nobody listens"));
      return "done";
    });
    assert.equal(watched.outcome.status, "fulfilled");
    assert.deepEqual(watched.unhandled.map(String), ["Error: nobody listens"]);
  });

  it("reports run's own rejection in 'outcome', and does not count it as unhandled", async () => {
    const watched = await watchUnhandled(() => Promise.reject(new Error("mine")));
    assert.equal(watched.outcome.status, "rejected");
    assert.deepEqual(watched.unhandled, []);
  });

  it("watches until 'until' settles: a failure after run settled is seen", async () => {
    let later: Promise<void> = Promise.resolve();
    const watched = await watchUnhandled(
      () => {
        later = sleep(100);
        void later.then(() => Promise.reject(new Error("late")));
        return 1;
      },
      { until: () => later },
    );
    assert.deepEqual(watched.unhandled.map(String), ["Error: late"]);
  });

  it("sees nothing for a rejection handled late but in the same turn", async () => {
    const watched = await watchUnhandled(async () => {
      const p = Promise.reject(new Error("handled soon"));
      await Promise.resolve();
      p.catch(() => undefined);
    });
    assert.deepEqual(watched.unhandled, []);
  });

  it("puts the process's own listeners back afterwards", async () => {
    const before = process.listeners("unhandledRejection");
    await watchUnhandled(() => 1);
    assert.deepEqual(process.listeners("unhandledRejection"), before);
  });

  it("names a bad argument", async () => {
    await assert.rejects(watchUnhandled(3 as never), {
      message: "Cannot watch: 'run' must be a function, got number",
    });
    await assert.rejects(
      watchUnhandled(() => 1, { until: 5 as never }),
      {
        message: "Cannot watch: 'until' must be a function, got number",
      },
    );
  });
});
