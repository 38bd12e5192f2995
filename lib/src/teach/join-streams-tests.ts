// The tests of notebook 5's exercise `joinStreams`: read several streamed replies at the same time.
import { strict as assert } from "node:assert";
import { setTimeout as sleepReal } from "node:timers/promises";
import { isTodo, type ExerciseTest } from "./exercise.js";

/** A streamed reply's chunk, shaped like the SDK's: `text` may be missing. */
export interface TextChunk {
  text?: string;
}

/** The exercise's function: each stream's chunks joined into one text, in the order of `streams`. */
export type JoinStreams = (streams: readonly AsyncIterable<TextChunk>[]) => Promise<string[]>;

/** A fake stream that logs each pull, waits `gapMs` real ms, then yields the next piece. */
function fakeStream(
  name: string,
  pieces: (string | undefined | Error)[],
  log: string[],
  gapMs = 15,
) {
  return (async function* () {
    for (const [i, piece] of pieces.entries()) {
      log.push(`${name} chunk ${i + 1}`);
      await sleepReal(gapMs);
      if (piece instanceof Error) throw piece;
      yield piece === undefined ? {} : { text: piece };
    }
  })();
}

/** Runs the reader's function; a stub's TODO error is rethrown so checkCode sees it. */
async function settle(joinStreams: JoinStreams, streams: AsyncIterable<TextChunk>[]) {
  const outcome = await joinStreams(streams).then(
    (value) => ({ value, error: undefined as unknown }),
    (error: unknown) => ({ value: undefined, error }),
  );
  if (outcome.error !== undefined && isTodo(outcome.error)) throw outcome.error as Error;
  return outcome;
}

/**
 * The tests of the `joinStreams` exercise, for `checkCode`: texts come back joined and in the order
 * of the streams; all streams are read at the same time (the second stream's first chunk is asked
 * for before the first stream ends); a chunk without text adds nothing; no streams give `[]`; a
 * failing stream rejects with its error. They read the order of events, not the clock.
 * @param joinStreams The reader's function.
 * @returns The tests; a `TODO:` error from a stub makes `checkCode` report "not answered yet".
 * @throws {TypeError} When `joinStreams` is not a function.
 * @example
 * ```ts
 * const joinStreams: JoinStreams = (streams) =>
 *   Promise.all(streams.map(async (stream) => {
 *     let text = "";
 *     for await (const chunk of stream) text += chunk.text ?? "";
 *     return text;
 *   }));
 * await checkCode("joinStreams()", joinStreamsTests(joinStreams)); // every line ✔
 * ```
 */
export function joinStreamsTests(joinStreams: JoinStreams): ExerciseTest[] {
  if (typeof joinStreams !== "function") {
    throw new TypeError(`Cannot test joinStreams: expected a function, got ${typeof joinStreams}`);
  }
  return [
    {
      name: "joins each stream's chunks, in the order of the streams",
      run: async () => {
        const log: string[] = [];
        const streams = [
          fakeStream("A", ["Hel", "lo"], log, 40),
          fakeStream("B", ["Wor", "ld"], log),
        ];
        const r = await settle(joinStreams, streams);
        assert.deepEqual(r.value, ["Hello", "World"]);
      },
    },
    {
      name: "reads the streams at the same time: B's first chunk before A's last",
      run: async () => {
        const log: string[] = [];
        const pieces = ["a", "b", "c"];
        await settle(joinStreams, [fakeStream("A", pieces, log), fakeStream("B", pieces, log)]);
        const firstOfB = log.indexOf("B chunk 1");
        assert.ok(firstOfB !== -1, "stream B was never read");
        assert.ok(
          firstOfB < log.indexOf("A chunk 3"),
          `chunks were asked for as ${log.join(", ")}`,
        );
      },
    },
    {
      name: "a chunk without text adds nothing; no streams give []",
      run: async () => {
        const r = await settle(joinStreams, [fakeStream("A", ["x", undefined, "y"], [])]);
        assert.deepEqual(r.value, ["xy"]);
        assert.deepEqual((await settle(joinStreams, [])).value, []);
      },
    },
    {
      name: "a stream that fails rejects with its error",
      run: async () => {
        const broken = new Error("stream broke");
        const r = await settle(joinStreams, [
          fakeStream("A", ["ok"], []),
          fakeStream("B", ["x", broken], []),
        ]);
        assert.equal(r.error, broken, "expected the stream's own error");
      },
    },
  ];
}
