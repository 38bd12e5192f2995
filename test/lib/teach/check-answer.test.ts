import assert from "node:assert/strict";
import { checkAnswer } from "@async-ts/lib";

/** Runs fn with console.log captured. */
function captured(fn: () => boolean): { result: boolean; printed: string } {
  const original = console.log;
  let printed = "";
  console.log = (...args: unknown[]) => void (printed += args.join(" ") + "\n");
  try {
    return { result: fn(), printed };
  } finally {
    console.log = original;
  }
}

describe("checkAnswer()", function () {
  it("accepts a number within the tolerance and prints a tick", function () {
    const { result, printed } = captured(() =>
      checkAnswer("3 s and 2 s together (s)", 3, 3.01, 0.5),
    );
    assert.equal(result, true);
    assert.equal(printed, "✔ 3 s and 2 s together (s): you said 3, measured 3.01\n");
  });

  it("rejects a number outside the tolerance without throwing", function () {
    const { result, printed } = captured(() => checkAnswer("one after another (s)", 3, 5.02, 0.5));
    assert.equal(result, false);
    assert.match(printed, /^✘ one after another \(s\): you said 3, measured 5\.02 \(not quite/);
  });

  it("compares non-numbers by value", function () {
    const { result } = captured(() =>
      checkAnswer("order", ["sync", "microtask"], ["sync", "microtask"]),
    );
    assert.equal(result, true);
  });

  it("names a bad tolerance", function () {
    assert.throws(() => checkAnswer("x", 1, 1, -1), /'tolerance' must be a number >= 0, got -1/);
  });
});
