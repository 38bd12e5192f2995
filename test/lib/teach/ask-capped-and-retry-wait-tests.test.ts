import assert from "node:assert/strict";
import {
  askCappedTests,
  checkCode,
  parseGeminiError,
  retryWaitTests,
  type AskCapped,
  type RetryWait,
} from "@async-ts/lib";
import { quietly } from "../helpers.js";

describe("askCappedTests()", () => {
  const check = (fn: AskCapped) => quietly(() => checkCode("askCapped()", askCappedTests(fn)));
  const inWaves: AskCapped = async (prompts, cap, ask) => {
    const replies: string[] = [];
    for (let i = 0; i < prompts.length; i += cap) {
      replies.push(...(await Promise.all(prompts.slice(i, i + cap).map(ask))));
    }
    return replies;
  };

  it("runs its documented example: waves of 'cap' pass every test", async () => {
    const result = await check(inWaves);
    assert.equal(result.state, "right", result.lines.join("\n"));
  });

  it("passes a pool that refills each free slot", async () => {
    const pool: AskCapped = async (prompts, cap, ask) => {
      const replies: string[] = [];
      let next = 0;
      const worker = async () => {
        while (next < prompts.length) {
          const i = next++;
          replies[i] = await ask(prompts[i]!);
        }
      };
      await Promise.all(Array.from({ length: Math.min(cap, prompts.length) }, worker));
      return replies;
    };
    const result = await check(pool);
    assert.equal(result.state, "right", result.lines.join("\n"));
  });

  it("fails a loop of awaited calls, and one that starts them all at once", async () => {
    const inLine: AskCapped = async (prompts, _cap, ask) => {
      const replies: string[] = [];
      for (const prompt of prompts) replies.push(await ask(prompt));
      return replies;
    };
    const allAtOnce: AskCapped = (prompts, _cap, ask) => Promise.all(prompts.map(ask));
    for (const wrong of [inLine, allAtOnce]) {
      const result = await check(wrong);
      assert.equal(result.state, "wrong");
      const failed = result.lines.filter((line) => line.startsWith("✘ ")).join("\n");
      assert.match(failed, /never more than 'cap' calls at once/);
      assert.doesNotMatch(failed, /replies in the order of the prompts/);
    }
  });

  it("reports the stub as not answered, and names a non-function", async () => {
    const stub: AskCapped = () => Promise.reject(new Error("TODO: ask them, cap at a time"));
    assert.equal((await check(stub)).state, "unanswered");
    assert.throws(() => askCappedTests("x" as never), /expected a function, got string/);
  });
});

describe("retryWaitTests()", () => {
  const check = (fn: RetryWait) => quietly(() => checkCode("retryWait()", retryWaitTests(fn)));
  const solution: RetryWait = (error, attempt, { baseMs, capMs }) =>
    parseGeminiError(error)?.retryDelayMs ??
    Math.random() * Math.min(capMs, baseMs * 2 ** (attempt - 1));

  it("runs its documented example: the model answer passes every test", async () => {
    const result = await check(solution);
    assert.equal(result.state, "right", result.lines.join("\n"));
  });

  it("fails equal jitter, an uncapped range, and one that ignores the server's wait", async () => {
    const equal: RetryWait = (error, attempt, { baseMs, capMs }) => {
      const b = Math.min(capMs, baseMs * 2 ** (attempt - 1));
      return parseGeminiError(error)?.retryDelayMs ?? b / 2 + (Math.random() * b) / 2;
    };
    const uncapped: RetryWait = (error, attempt, { baseMs }) =>
      parseGeminiError(error)?.retryDelayMs ?? Math.random() * baseMs * 2 ** (attempt - 1);
    const deaf: RetryWait = (_error, attempt, options) =>
      solution(new Error("no body"), attempt, options);
    const expected: [RetryWait, RegExp][] = [
      [equal, /✘ a 503 after try 3 waits a random time/],
      [uncapped, /✘ capMs caps the range/],
      [deaf, /✘ a 429 asking for 3s waits 3000 ms/],
    ];
    for (const [wrong, line] of expected) {
      const result = await check(wrong);
      assert.equal(result.state, "wrong");
      assert.match(result.lines.join("\n"), line);
    }
  });

  it("reports the stub as not answered, and names a non-function", async () => {
    const stub: RetryWait = () => {
      throw new Error("TODO: the server's wait, else full jitter");
    };
    assert.equal((await check(stub)).state, "unanswered");
    const returnsUndefined = (() => undefined) as unknown as RetryWait;
    assert.equal((await check(returnsUndefined)).state, "unanswered");
    assert.throws(() => retryWaitTests(3 as never), /expected a function, got number/);
  });
});
