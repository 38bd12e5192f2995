import assert from "node:assert/strict";
import { checkCode, joinStreamsTests, type JoinStreams } from "@async-ts/lib";
import { quietly } from "../helpers.js";

describe("joinStreamsTests()", () => {
  const solution: JoinStreams = (streams) =>
    Promise.all(
      streams.map(async (stream) => {
        let text = "";
        for await (const chunk of stream) text += chunk.text ?? "";
        return text;
      }),
    );

  it("runs its documented example: the model answer passes every test", async () => {
    const result = await quietly(() => checkCode("joinStreams()", joinStreamsTests(solution)));
    assert.equal(result.state, "right", result.lines.join("\n"));
  });

  it("fails an answer that reads one stream after another", async () => {
    const inTurn: JoinStreams = async (streams) => {
      const texts: string[] = [];
      for (const stream of streams) {
        let text = "";
        for await (const chunk of stream) text += chunk.text ?? "";
        texts.push(text);
      }
      return texts;
    };
    const result = await quietly(() => checkCode("joinStreams()", joinStreamsTests(inTurn)));
    assert.equal(result.state, "wrong");
    const failed = result.lines.filter((line) => line.startsWith("✘ ")).join("\n");
    assert.match(failed, /✘ reads the streams at the same time/);
    assert.doesNotMatch(failed, /joins each stream's chunks/);
  });

  it("reports the stub as not answered, and names a non-function", async () => {
    const stub: JoinStreams = () => Promise.reject(new Error("TODO: read every stream"));
    const result = await quietly(() => checkCode("joinStreams()", joinStreamsTests(stub)));
    assert.equal(result.state, "unanswered");
    assert.throws(() => joinStreamsTests(3 as never), /expected a function, got number/);
  });
});
