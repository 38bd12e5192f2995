import assert from "node:assert/strict";
import {
  blockFor,
  guideSeconds,
  measure,
  scaled,
  simulate,
  sleep,
  timeScale,
  Timeline,
} from "@async-ts/lib";
import { activeTimers, since, useTimeScale } from "../helpers.js";

describe("timeScale()", () => {
  useTimeScale(0.05);

  it("reads the scale from ASYNC_TS_TIME_SCALE and converts both ways", () => {
    assert.equal(timeScale(), 0.05);
    assert.equal(scaled(3000), 150);
    assert.equal(guideSeconds(150), 3);
  });

  it("names a bad duration in its error", () => {
    assert.throws(() => scaled(-1), { message: /'ms' must be a finite number >= 0, got -1/ });
    assert.throws(() => guideSeconds(NaN), { message: /'realMs' .* got NaN/ });
  });
});

describe("sleep()", () => {
  useTimeScale(0.02);

  it("waits the scaled guide duration", async () => {
    const start = performance.now();
    await sleep(5000); // 100 ms real
    const ms = since(start);
    assert.ok(ms >= 95 && ms < 400, `slept ${ms} ms`);
  });

  it("rejects with signal.reason on abort and clears its timer", async () => {
    const before = await activeTimers();
    const controller = new AbortController();
    const waiting = sleep(50_000, { signal: controller.signal });
    waiting.catch(() => {});
    assert.equal(await activeTimers(), before + 1);
    const reason = new Error("stop");
    controller.abort(reason);
    await assert.rejects(waiting, (error) => error === reason);
    assert.equal(await activeTimers(), before);
  });

  it("rejects (never throws) for a bad duration or an already aborted signal", async () => {
    await assert.rejects(sleep(-5), {
      message: "Cannot sleep: 'ms' must be a finite number >= 0, got -5",
    });
    await assert.rejects(sleep(10, { signal: AbortSignal.abort(new Error("early")) }), {
      message: "early",
    });
  });
});

describe("simulate()", () => {
  useTimeScale(0.02);

  it("runs its documented example: returns the value after the duration", async () => {
    const start = performance.now();
    const answer = await simulate("fetch user", 3000, { id: 1 });
    assert.deepEqual(answer, { id: 1 });
    assert.ok(since(start) >= 55, `took ${since(start)} ms`);
  });

  it("records a span on a timeline and fails on request", async () => {
    const tl = new Timeline();
    await simulate("ok op", 100, 1, { timeline: tl, lane: "w1" });
    const fail = new Error("disk full");
    await assert.rejects(simulate("bad op", 100, 1, { timeline: tl, fail }), {
      message: "disk full",
    });
    assert.deepEqual(
      tl.spans.map((s) => [s.name, s.lane, s.status]),
      [
        ["ok op", "w1", "ok"],
        ["bad op", undefined, "error"],
      ],
    );
  });

  it("rejects with the bad argument named", async () => {
    await assert.rejects(simulate("", 10, 1), { message: /'name' must be a non-empty string/ });
    await assert.rejects(simulate("x", -1, 1), {
      message: "Cannot simulate 'x': 'ms' must be a finite number >= 0, got -1",
    });
  });
});

describe("measure()", () => {
  useTimeScale(0.02);

  it("reports guide seconds next to the expectation", async () => {
    const { value, seconds, line } = await measure(() => simulate("op", 3000, 7), {
      label: "one op",
      expectedMs: 3000,
      print: false,
    });
    assert.equal(value, 7);
    assert.ok(seconds > 2.9 && seconds < 6, `measured ${seconds} s`);
    assert.match(line, /^one op: expected ≈ 3\.00 s, measured \d+\.\d\d s$/);
  });

  it("passes the function's error through unchanged", async () => {
    const error = new Error("boom");
    await assert.rejects(
      measure(() => Promise.reject(error), { print: false }),
      (e) => e === error,
    );
    await assert.rejects(
      measure(() => 1, { expectedMs: -2 }),
      { message: /got -2/ },
    );
  });
});

describe("blockFor()", () => {
  useTimeScale(0.02);

  it("blocks the thread: a due timer cannot fire until it returns", async () => {
    let fired = false;
    const timer = new Promise<void>((resolve) => setTimeout(() => ((fired = true), resolve()), 0));
    const start = performance.now();
    blockFor(5000); // 100 ms real
    assert.equal(fired, false);
    assert.ok(since(start) >= 99, `blocked ${since(start)} ms`);
    await timer;
    assert.equal(fired, true);
  });

  it("throws on a bad duration", () => {
    assert.throws(() => blockFor(Infinity), {
      message: "Cannot block: 'ms' must be a finite number >= 0, got Infinity",
    });
  });
});
