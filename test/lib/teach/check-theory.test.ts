import assert from "node:assert/strict";
import { checkTheory, unansweredLine } from "@async-ts/lib";

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

describe("checkTheory()", () => {
  it("runs its documented example: right when the answer matches the theory", () => {
    const { result, printed } = captured(() => checkTheory("started together (s)", 4, 4, 4.03));
    assert.equal(result, true);
    assert.equal(printed, "✔ started together (s): you said 4; theory 4, measured 4.03\n");
  });

  it("lets the theory decide, not a noisy measurement", () => {
    assert.equal(captured(() => checkTheory("t (s)", 7, 7, 9.4)).result, true);
    const wrong = captured(() => checkTheory("t (s)", 9.4, 7, 9.4));
    assert.equal(wrong.result, false);
    assert.match(wrong.printed, /^✘ t \(s\): you said 9\.4; theory 7, measured 9\.4 \(not quite/);
  });

  it("prints what to do for a TODO stub", () => {
    const { result, printed } = captured(() => checkTheory("t (s)", undefined, 7, 7));
    assert.equal(result, false);
    assert.equal(printed, unansweredLine("t (s)") + "\n");
  });

  it("names a bad argument", () => {
    assert.throws(() => checkTheory("", 1, 1, 1), /'label' must be a non-empty string/);
    assert.throws(() => checkTheory("t", 1, NaN, 1), {
      message: "Cannot check 't': 'theory' must be a finite number, got NaN",
    });
    assert.throws(() => checkTheory("t", 1, 1, 1, -1), /'tolerance' must be a finite number/);
  });
});
