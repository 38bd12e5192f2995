import assert from "node:assert/strict";
import { inspect } from "node:util";
import { checkPrediction } from "@async-ts/lib";

describe("checkPrediction()", () => {
  it("runs its documented example", () => {
    assert.equal(
      checkPrediction(["sync", "timeout"], ["sync", "timeout"], { print: false }).ok,
      true,
    );
  });

  it("marks each position with ✔ or ✘", () => {
    const { ok, lines } = checkPrediction(
      ["sync", "timeout", "immediate"],
      ["sync", "immediate", "timeout"],
      { print: false },
    );
    assert.equal(ok, false);
    assert.deepEqual(lines, [
      "✔ 1. sync",
      "✘ 2. predicted timeout, got immediate",
      "✘ 3. predicted immediate, got timeout",
      "1 of 3 right.",
    ]);
    assert.equal(
      checkPrediction(["a"], ["a", "b"], { print: false }).lines[1],
      "✘ 2. predicted (nothing), got b",
    );
    assert.equal(inspect(checkPrediction(["a"], ["a"])), "✔ 1. a\nAll correct.");
    // @ts-expect-error: a wrong argument, as plain JavaScript could pass it
    assert.throws(() => checkPrediction("a", []), { message: /both arguments must be arrays/ });
  });
});
