import assert from "node:assert/strict";
import { inspect } from "node:util";
import { LoopTrace, traceLoop, type TraceData, type TraceStep } from "@async-ts/lib";
import { assertWellFormedXml } from "../helpers.js";

type StepFields = Pick<
  TraceStep,
  "step" | "kind" | "logs" | "source" | "scheduledBy" | "scheduled"
>;

function step(fields: StepFields, place: Pick<TraceStep, "iteration" | "phase">): TraceStep {
  return {
    resource: "",
    asyncId: 0,
    triggerAsyncId: 0,
    startMs: 0,
    durationMs: 0,
    depth: 0,
    ...fields,
    ...place,
  };
}

// sync schedules a nextTick and a timer: the smallest trace with two queues and two iterations.
const DATA: TraceData = {
  logs: ["sync", "tick", "timer"],
  steps: [
    step(
      {
        step: 1,
        kind: "sync",
        logs: ["sync"],
        source: "fn(log)",
        scheduledBy: null,
        scheduled: [2, 3],
      },
      { iteration: 0, phase: "main" },
    ),
    step(
      {
        step: 2,
        kind: "nextTick",
        logs: ["tick"],
        source: "process.nextTick",
        scheduledBy: 1,
        scheduled: [],
      },
      { iteration: 0, phase: "main" },
    ),
    step(
      {
        step: 3,
        kind: "timer",
        logs: ["timer"],
        source: "setTimeout 1 ms",
        scheduledBy: 1,
        scheduled: [],
      },
      { iteration: 1, phase: "timers" },
    ),
  ],
  queued: [
    {
      queue: "nextTick",
      label: "tick",
      source: "process.nextTick",
      from: 1,
      until: 2,
      ran: 2,
      cleared: false,
      by: 1,
    },
    {
      queue: "timers",
      label: "timer",
      source: "setTimeout 1 ms",
      from: 1,
      until: 3,
      ran: 3,
      cleared: false,
      by: 1,
    },
  ],
};

const count = (text: string, part: string): number => text.split(part).length - 1;
const FRAME_BADGE = '<circle cx="30"';
const ARROWHEAD = "l -6 -3.5 v 7 z";

describe("LoopTrace.toSVG()", () => {
  it("draws one frame per step, the five queues, the iterations and a legend", () => {
    const svg = new LoopTrace(DATA, "demo").toSVG();
    assertWellFormedXml(svg);
    assert.match(svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="980" height="\d+"/);
    assert.equal(count(svg, FRAME_BADGE), 3);
    for (const queue of [
      "nextTick queue",
      "microtasks",
      "timers",
      "poll (I/O)",
      "check",
      "call stack",
    ]) {
      assert.ok(svg.includes(`>${queue}</text>`), queue);
    }
    assert.ok(svg.includes("Event loop trace: demo"));
    assert.ok(svg.includes("Main script: fn runs"));
    assert.ok(svg.includes("Event loop, iteration 1."));
    assert.ok(svg.includes("step 3: the third callback the loop ran"), "the legend");
    assert.ok(svg.includes("log(&quot;timer&quot;)"), "the timer's log in its stack box");
  });

  it("draws an arrow into each callback the running one just queued, and where it came from", () => {
    const svg = new LoopTrace(DATA).toSVG();
    // One arrowhead in the legend, then one per callback step 1 queued (tick and timer).
    assert.equal(count(svg, ARROWHEAD), 1 + 2);
    // The legend's sample, then the spots that steps 2 and 3 left in their queues.
    assert.equal(count(svg, "◀ now running"), 1 + 2);
  });

  it("escapes labels, marks cleared and still-waiting callbacks, and shortens long queues", async () => {
    const trace = await traceLoop((log) => {
      const id = setInterval(() => log("never"), 1000);
      setTimeout(() => {
        clearInterval(id);
        log(`<b>&'"`);
      }, 0);
      setTimeout(() => log("late"), 60_000).unref();
      for (let i = 1; i <= 8; i++) void Promise.resolve().then(() => log(`then ${i}`));
    });
    const svg = trace.toSVG();
    assertWellFormedXml(svg);
    assert.ok(!svg.includes("<b>"));
    assert.ok(svg.includes("&lt;b&gt;&amp;&apos;"));
    assert.ok(svg.includes(">✕</text>"), "the interval that was cleared");
    assert.ok(svg.includes(">…</text>"), "the unref'd timer, still waiting at the end");
    assert.ok(svg.includes("+ 4 more"), "eight microtasks queued at once: four shown");
  });

  it("stops at 'maxFrames' and says how many steps it left out; honours 'width'", async () => {
    const trace = await traceLoop((log) => {
      for (let i = 0; i < 30; i++) void Promise.resolve().then(() => log(`job ${i}`));
    });
    const svg = trace.toSVG({ maxFrames: 10, width: 800 });
    assertWellFormedXml(svg);
    assert.equal(count(svg, FRAME_BADGE), 10);
    assert.ok(svg.includes("… and 21 more step(s): trace.toText() lists them all"));
    assert.match(svg, /^<svg [^>]*width="800"/);
  });
});

describe("LoopTrace.toSVG({ animate: true })", () => {
  it("stacks the frames in one place and shows each in turn with a CSS animation", () => {
    const svg = new LoopTrace(DATA).toSVG({ animate: true, secondsPerStep: 1.5 });
    assertWellFormedXml(svg);
    assert.ok(!svg.includes("<script"), "no script: it must play inside an <img>");
    assert.match(svg, /<style>\.frame\{opacity:0;animation:trace-frames 4\.5s step-end infinite\}/);
    assert.ok(svg.includes("@keyframes trace-frames{0%{opacity:1}33.3333%{opacity:0}"));
    const groups = [
      ...svg.matchAll(/<g class="frame( first)?" style="animation-delay:([\d.]+)s">/g),
    ];
    assert.deepEqual(
      groups.map((m) => [m[1] ?? "", m[2]]),
      [
        [" first", "0.00"],
        ["", "1.50"],
        ["", "3.00"],
      ],
    );
    assert.equal(count(svg, FRAME_BADGE), 3);
    assert.ok(svg.includes(">step 2 of 3</text>"));
  });
});

describe("LoopTrace.toText() and describe()", () => {
  it("lists each step: where it ran, what it was, what it logged, queued, and left waiting", () => {
    assert.equal(
      new LoopTrace(DATA, "demo").toText(),
      [
        "demo: 3 steps, 3 logs",
        "step  where            ran                          logged  queued  waiting afterwards (by step)",
        "1     main script      sync (fn(log))               sync    2 3     nextTick: 2 · timers: 3",
        "2     main script      nextTick (process.nextTick)  tick    -       timers: 3",
        "3     loop 1 · timers  timer (setTimeout 1 ms)      timer   -       (all empty)",
        "logs in order: sync → tick → timer",
      ].join("\n"),
    );
  });

  it("says in one paragraph what the picture shows, for its alt text", () => {
    assert.equal(
      new LoopTrace(DATA, "demo").describe(),
      'Event loop trace "demo" of 3 steps: 1 sync (main script) logs "sync"; ' +
        '2 nextTick (main script) logs "tick"; 3 timer (loop 1 · timers) logs "timer".',
    );
  });
});

describe("LoopTrace.show()", () => {
  it("runs its documented example, and prints the text table outside a kernel", async () => {
    const trace = await traceLoop((log) => void setTimeout(() => log("later")));
    assert.equal(trace.steps[1]?.kind, "timer");
    const lines: unknown[] = [];
    const log = console.log;
    console.log = (text: unknown) => lines.push(text);
    try {
      trace.show();
    } finally {
      console.log = log;
    }
    assert.deepEqual(lines, [trace.toText()]);
    assert.equal(inspect(trace), trace.toText(), "as a notebook cell's last value");
  });
});
