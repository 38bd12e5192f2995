import assert from "node:assert/strict";
import { checkAnswer, checkCode, checkPrediction, isTodo, unansweredLine } from "@async-ts/lib";

/** Runs fn with console.log captured; resolves with what it printed. */
async function printedBy(fn: () => unknown): Promise<string> {
  const original = console.log;
  let printed = "";
  console.log = (...args: unknown[]) => void (printed += args.join(" ") + "\n");
  try {
    await fn();
  } finally {
    console.log = original;
  }
  return printed;
}

describe("isTodo()", () => {
  it("runs its documented example: undefined and TODO errors are stubs, values are not", () => {
    assert.equal(isTodo(undefined), true);
    assert.equal(isTodo(new Error("TODO: write the body")), true);
    assert.equal(isTodo(3), false);
    assert.equal(isTodo(new Error("TODOS are done")), false);
    assert.equal(isTodo(new Error("boom")), false);
  });
});

describe("checkCode()", () => {
  it("runs its documented example: prints ✔ per test and a summary", async () => {
    const double = (n: number): number => n * 2;
    const printed = await printedBy(() =>
      checkCode("double()", [{ name: "double(2) is 4", run: () => assert.equal(double(2), 4) }]),
    );
    assert.equal(printed, "✔ double(2) is 4\n✔ double(): all 1 test(s) pass\n");
  });

  it("reports a stub that throws TODO as not answered, without failing", async () => {
    const stub = (): number => {
      throw new Error("TODO: return the sum");
    };
    let result: Awaited<ReturnType<typeof checkCode>> | undefined;
    const printed = await printedBy(async () => {
      result = await checkCode("sum()", [{ name: "adds", run: () => assert.equal(stub(), 3) }]);
    });
    assert.equal(result?.state, "unanswered");
    assert.equal(printed, unansweredLine("sum()") + "\n");
  });

  it("shows expected against got for a wrong answer", async () => {
    let result: Awaited<ReturnType<typeof checkCode>> | undefined;
    const printed = await printedBy(async () => {
      result = await checkCode("sum()", [
        { name: "1 + 2", run: () => assert.equal(1 + 1, 3) },
        { name: "async", run: () => Promise.reject(new RangeError("too big")) },
      ]);
    });
    assert.equal(result?.state, "wrong");
    assert.match(printed, /^✘ 1 \+ 2: expected 3, got 2$/m);
    assert.match(printed, /^✘ async: RangeError: too big$/m);
    assert.match(printed, /^✘ sum\(\): 2 of 2 test\(s\) fail/m);
  });

  it("fails a test that never settles after 'timeoutMs'", async () => {
    let result: Awaited<ReturnType<typeof checkCode>> | undefined;
    const printed = await printedBy(async () => {
      result = await checkCode("hang", [{ name: "hangs", run: () => new Promise(() => {}) }], {
        timeoutMs: 20,
      });
    });
    assert.equal(result?.state, "wrong");
    assert.match(printed, /✘ hangs: Error: did not finish within 20 ms/);
  });

  it("names bad tests", async () => {
    await assert.rejects(checkCode("x", []), {
      message: "Cannot check 'x': 'tests' must be a non-empty array of { name, run }",
    });
  });
});

describe("checkAnswer() and checkPrediction() on a TODO stub", () => {
  it("print what to do instead of a verdict", async () => {
    let answered: boolean | undefined;
    const printed = await printedBy(() => {
      answered = checkAnswer("fires after (ms)", undefined, 600);
    });
    assert.equal(answered, false);
    assert.equal(printed, unansweredLine("fires after (ms)") + "\n");
    const prediction = checkPrediction(undefined, ["sync"], { label: "order" });
    assert.equal(prediction.ok, false);
    assert.deepEqual(prediction.lines, [unansweredLine("order")]);
  });
});
