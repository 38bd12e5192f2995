import assert from "node:assert/strict";
import os from "node:os";
import { root } from "../../scripts/jupyter-env.ts";
import {
  judgeExecuted,
  longLineFailures,
  parseNotebook,
  type Notebook,
  type RunStatus,
} from "../../scripts/notebook-checks.ts";
import { scrubOutputs } from "../../scripts/scrub.ts";

const kernelspec = { name: "tslab" };

function notebook(...sources: string[]): Notebook {
  return {
    cells: sources.map((source, i) => ({
      cell_type: "code",
      source,
      execution_count: i + 1,
      metadata: {},
      outputs: [],
    })),
    metadata: { kernelspec },
    nbformat: 4,
    nbformat_minor: 5,
  };
}

const ok = (n: number): RunStatus => ({
  cells: Object.fromEntries(
    Array.from({ length: n }, (_, i) => [String(i), { status: "ok", seconds: 0.1 }]),
  ),
  failure: null,
  after_last_cell: [],
});

describe("parseNotebook()", function () {
  it("accepts an nbformat 4 notebook with the tslab kernel", function () {
    const { notebook: nb, failures } = parseNotebook(JSON.stringify(notebook("1")));
    assert.deepEqual(failures, []);
    assert.equal(nb?.cells.length, 1);
  });

  it("names a missing kernelspec as null", function () {
    const raw = JSON.stringify({ ...notebook("1"), metadata: {} });
    assert.match(parseNotebook(raw).failures[0]?.message ?? "", /kernelspec is null, not "tslab"/);
  });
});

describe("judgeExecuted()", function () {
  it("finds nothing wrong in a clean run", function () {
    assert.deepEqual(judgeExecuted(notebook("a", "b"), ok(2), 60), []);
  });

  it("fails a cell whose reply was 'error' even without any output", function () {
    const status = ok(2);
    status.cells["1"] = { status: "error", seconds: 0 };
    status.failure = { kind: "error", cell: 1 };
    const [failure] = judgeExecuted(notebook("a", "b"), status, 60);
    assert.equal(failure?.cell, 2);
    assert.match(failure?.message ?? "", /replied 'error' and printed nothing/);
  });

  it("fails a code cell left without an execution count", function () {
    const nb = notebook("a", "b");
    nb.cells[1]!.execution_count = null;
    const [failure] = judgeExecuted(nb, ok(2), 60);
    assert.equal(failure?.cell, 2);
    assert.match(failure?.message ?? "", /no execution count/);
  });

  it("accepts an unhandled rejection only in a cell tagged allow-unhandled", function () {
    const nb = notebook("a", "b");
    for (const cell of nb.cells) {
      cell.outputs = [
        { output_type: "stream", name: "stderr", text: "UnhandledPromiseRejection: Error: x\n" },
      ];
    }
    nb.cells[0]!.metadata = { tags: ["allow-unhandled"] };
    const failures = judgeExecuted(nb, ok(2), 60);
    assert.deepEqual(
      failures.map((f) => f.cell),
      [2],
    );
  });

  it("fails the cell during which a finished cell's late output arrived", function () {
    const status = ok(2);
    status.late_outputs = {
      "1": [{ output_type: "stream", name: "stderr", text: "UncaughtException: Error: late\n" }],
    };
    const [failure] = judgeExecuted(notebook("a", "b"), status, 60);
    assert.equal(failure?.cell, 2);
    assert.match(failure?.message ?? "", /UncaughtException: Error: late/);
  });
});

describe("scrubOutputs()", function () {
  it("replaces the checkout's path, the home folder and API keys, and leaves the source alone", function () {
    const nb = notebook("a");
    const key = "test-key-not-a-secret-123";
    const text = `${root}/lib/x.ts ${os.homedir()}/file key=${key}`;
    nb.cells[0]!.outputs = [{ output_type: "stream", name: "stdout", text }];
    const clean = scrubOutputs(nb, { GEMINI_API_KEY: key });
    assert.equal(clean.cells[0]?.outputs?.[0]?.text, "<course>/lib/x.ts ~/file key=<redacted>");
    assert.equal(nb.cells[0]?.outputs?.[0]?.text, text);
  });
});

describe("longLineFailures()", function () {
  it("names each code line over 100 characters, one failure per cell", function () {
    const long = "x".repeat(101);
    const failures = longLineFailures(notebook("ok", `short\n${long}\n${long}x`, "x".repeat(100)));
    assert.deepEqual(failures, [
      {
        cell: 2,
        firstLine: "short",
        message:
          "code longer than 100 characters on line 2 (101), line 3 (102): wrap it, or move it into lib",
      },
    ]);
  });

  it("counts characters, not bytes, and leaves markdown alone", function () {
    const nb = notebook("≈".repeat(100));
    nb.cells.push({ cell_type: "markdown", source: "y".repeat(300), metadata: {} });
    assert.deepEqual(longLineFailures(nb), []);
  });
});
