import assert from "node:assert/strict";
import { barChart, formatBarChart, formatTable, table } from "@async-ts/lib";
import { assertWellFormedXml } from "../helpers.js";

function captureLog(fn: () => void): string[] {
  const lines: string[] = [];
  const log = console.log;
  console.log = (text: string) => lines.push(text);
  try {
    fn();
  } finally {
    console.log = log;
  }
  return lines;
}

describe("formatTable() and table()", () => {
  it("runs its documented example: aligned text with numbers on the right", () => {
    assert.equal(
      formatTable([{ task: "A", seconds: 3 }]).text,
      "task | seconds\n-----|--------\nA    |       3",
    );
  });

  it("renders escaped HTML and prints text outside a kernel", () => {
    const rows = [
      { approach: "<sequential>", seconds: 5.01 },
      { approach: "concurrent", seconds: 3.0 },
    ];
    const { html } = formatTable(rows);
    assertWellFormedXml(html);
    assert.ok(html.includes("<td>&lt;sequential&gt;</td>"));
    assert.ok(html.includes(`<td style="text-align:right">5.010</td>`));
    assert.match(captureLog(() => table(rows)).join("\n"), /^concurrent +\| +3$/m);
    assert.throws(() => formatTable([1 as never]), {
      message: /'rows' must be an array of objects/,
    });
  });
});

describe("formatBarChart() and barChart()", () => {
  it("runs its documented example: bars scale to the largest value", () => {
    const { text, svg } = formatBarChart([
      { label: "1 thread", value: 1 },
      { label: "2 threads", value: 1.9 },
    ]);
    const [one, two] = text.split("\n");
    assert.equal(one?.match(/#/g)?.length, 21);
    assert.equal(two?.match(/#/g)?.length, 40);
    assertWellFormedXml(svg);
  });

  it("prints text outside a kernel and checks values", () => {
    const lines = captureLog(() =>
      barChart(
        [
          { label: "serial", value: 1 },
          { label: "pool", value: 1.93 },
        ],
        { unit: "×", title: "Speedup" },
      ),
    );
    assert.equal(lines[0]?.split("\n")[0], "Speedup");
    assert.match(lines[0] ?? "", /pool +#+ 1\.93×/);
    assert.throws(() => formatBarChart([]), { message: /non-empty array/ });
    assert.throws(() => formatBarChart([{ label: "x", value: -1 }]), {
      message: "Cannot draw bar chart: bar 'x' needs a value >= 0, got -1",
    });
  });
});
