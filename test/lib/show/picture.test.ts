import assert from "node:assert/strict";
import { pictureHtml, showPicture, Timeline } from "@async-ts/lib";

const SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect/></svg>';

describe("pictureHtml()", () => {
  it("runs its documented example: an <img> whose data URI decodes to the SVG", () => {
    const html = pictureHtml(SVG, `two "tasks" <overlap>`);
    const match = /^<img src="data:image\/svg\+xml;base64,([A-Za-z0-9+/=]+)" alt="([^"]*)"/.exec(
      html,
    );
    assert.ok(match, html);
    assert.equal(Buffer.from(match[1] ?? "", "base64").toString("utf8"), SVG);
    assert.equal(match[2], "two &quot;tasks&quot; &lt;overlap&gt;");
    assert.ok(!html.includes("<svg"), "no inline SVG for Lab's sanitizer to strip");
  });

  it("names the bad argument", () => {
    assert.throws(() => pictureHtml("<div/>", "x"), {
      message: "Cannot make a picture: 'svg' must start with '<svg', got '<div/>'",
    });
    assert.throws(() => pictureHtml(SVG, " "), {
      message: "Cannot make a picture: 'alt' must say what it shows, got ' '",
    });
  });
});

describe("showPicture()", () => {
  it("prints the text version outside a kernel", () => {
    const lines: unknown[] = [];
    const log = console.log;
    console.log = (text: unknown) => lines.push(text);
    try {
      showPicture(SVG, "an empty picture", "(empty)");
    } finally {
      console.log = log;
    }
    assert.deepEqual(lines, ["(empty)"]);
    assert.throws(() => showPicture(SVG, "x", 1 as never), { message: /'text' must be a string/ });
  });
});

describe("Timeline.describe()", () => {
  it("says what the picture shows, in guide seconds", () => {
    const tl = new Timeline("demo");
    const zero = performance.timeOrigin + tl.origin;
    tl.record("A", zero, zero + 3000 * tl.scale);
    tl.record("B", zero, zero + 2000 * tl.scale, { status: "error" });
    assert.equal(
      tl.describe(),
      'Timeline "demo" of 2 span(s): A 0.00–3.00 s (ok); B 0.00–2.00 s (error)',
    );
    assert.equal(new Timeline().describe(), "Timeline: no spans recorded");
  });

  it("tells spans with lanes row by row, naming the lane", () => {
    const tl = new Timeline();
    const zero = performance.timeOrigin + tl.origin;
    const at = (s: number): number => zero + s * 1000 * tl.scale;
    tl.record("before", at(0), at(0.3), { lane: "deaf" });
    tl.record("before", at(0), at(0.3), { lane: "honest" });
    tl.record("after", at(0.3), at(1), { lane: "deaf" });
    tl.record("after", at(0.3), at(0.3), { lane: "honest", status: "cancelled" });
    assert.equal(
      tl.describe(),
      "Timeline of 4 span(s): deaf: before 0.00–0.30 s (ok); deaf: after 0.30–1.00 s (ok); " +
        "honest: before 0.00–0.30 s (ok); honest: after 0.30–0.30 s (cancelled)",
    );
  });
});
