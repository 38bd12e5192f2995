import assert from "node:assert/strict";
import { escapeXml, inKernel, showRich, sleep, Timeline } from "@async-ts/lib";
import { assertWellFormedXml, useTimeScale } from "../helpers.js";

describe("Timeline", () => {
  // 0.1 leaves A 100 ms longer than B: a stall of tens of ms on a busy machine cannot even them.
  useTimeScale(0.1);

  it("runs its documented example: two overlapping spans, shown as text outside a kernel", async () => {
    const tl = new Timeline();
    await Promise.all([tl.span("A", () => sleep(3000)), tl.span("B", () => sleep(2000))]);
    const [a, b] = tl.spans;
    assert.ok(a !== undefined && b !== undefined);
    assert.ok(b.start < (a.end ?? 0), "B started before A ended");
    assert.ok((a.end ?? 0) - a.start > (b.end ?? 0) - b.start, "A took longer than B");
    const lines: string[] = [];
    const log = console.log;
    console.log = (text: string) => lines.push(text);
    try {
      tl.show();
    } finally {
      console.log = log;
    }
    assert.equal(inKernel(), false);
    assert.match(lines.join("\n"), /^A \|#+\|\nB \|#+ +\|/m);
  });

  it("records manual spans, statuses and errors", async () => {
    const tl = new Timeline();
    const handle = tl.start("manual", { lane: 3 });
    handle.end("retry");
    assert.throws(() => handle.end(), { message: "Cannot end span 'manual': already ended" });
    await assert.rejects(
      tl.span("fails", () => Promise.reject(new Error("nope"))),
      { message: "nope" },
    );
    const abort = AbortSignal.abort();
    await assert.rejects(tl.span("aborted", () => sleep(1000, { signal: abort })));
    assert.deepEqual(
      tl.spans.map((s) => [s.name, s.lane, s.status]),
      [
        ["manual", "3", "retry"],
        ["fails", undefined, "error"],
        ["aborted", undefined, "cancelled"],
      ],
    );
    assert.throws(() => tl.start(""), { message: /'name' must be a non-empty string/ });
  });

  it("draws well-formed SVG with escaped labels and an axis in guide seconds", async () => {
    const tl = new Timeline(`<"quotes" & 'ampersands'>`);
    await tl.span(`task <A> & "B"`, () => sleep(3000));
    const svg = tl.toSVG();
    assertWellFormedXml(svg);
    assert.ok(svg.includes("task &lt;A&gt; &amp; &quot;B&quot;"));
    assert.match(svg, />3(\.0+)? s</, "axis reaches 3 guide seconds");
  });

  it("stays well-formed and compact at 200 spans (packed rows, elided labels)", () => {
    const tl = new Timeline();
    const zero = performance.timeOrigin + tl.origin;
    for (let i = 0; i < 200; i++) {
      const start = zero + i * 5; // about ten spans overlap at any moment
      const status = i % 17 === 0 ? "error" : "ok";
      tl.record(`a rather long task name number ${i}`, start, start + 50, { status });
    }
    const svg = tl.toSVG();
    assertWellFormedXml(svg);
    const height = Number(/height="(\d+)"/.exec(svg)?.[1]);
    assert.ok(height < 700, `height ${height}`);
    assert.equal(svg.match(/<rect [^>]*rx="2"/g)?.length, 200);
    assert.ok(svg.includes(">error</text>"), "legend names the error status");
    const textRows = tl.toText().split("\n").length;
    assert.ok(textRows < 20, `text chart packs rows too (${textRows} lines)`);
  });

  it("puts spans of one lane on one row", () => {
    const tl = new Timeline();
    const zero = performance.timeOrigin + tl.origin;
    tl.record("job 1", zero, zero + 100, { lane: "worker 1" });
    tl.record("job 2", zero + 100, zero + 200, { lane: "worker 1" });
    tl.record("job 3", zero, zero + 200, { lane: "worker 2" });
    const rows = tl
      .toText()
      .split("\n")
      .filter((l) => l.startsWith("worker"));
    assert.equal(rows.length, 2);
    assert.throws(() => tl.record("bad", zero + 5, zero), { message: /need startedAt <= endedAt/ });
  });
});

describe("showRich() and escapeXml()", () => {
  it("prints the text form outside a kernel", () => {
    const lines: string[] = [];
    const log = console.log;
    console.log = (text: string) => lines.push(text);
    try {
      showRich("<b>done</b>", "done");
    } finally {
      console.log = log;
    }
    assert.deepEqual(lines, ["done"]);
  });

  it("runs its documented example and drops control characters", () => {
    assert.equal(escapeXml(`a<b & "c"`), "a&lt;b &amp; &quot;c&quot;");
    assert.equal(escapeXml("bell\u0007"), "bell");
  });
});
