// The tests of notebook 5's exercise `askCapped`: send prompts together, never more than `cap` at once.
import { strict as assert } from "node:assert";
import { setTimeout as sleepReal } from "node:timers/promises";
import { isTodo, type ExerciseTest } from "./exercise.js";

/** The exercise's function: every prompt asked, at most `cap` calls in flight, replies in order. */
export type AskCapped = (
  prompts: readonly string[],
  cap: number,
  ask: (prompt: string) => Promise<string>,
) => Promise<string[]>;

/**
 * Runs the reader's function with a fake `ask` that logs each start and end, waits `ms(prompt)`
 * real milliseconds, and answers "reply to <prompt>" (or rejects for a prompt starting "fail").
 */
async function tryIt(askCapped: AskCapped, prompts: string[], cap: number, ms = () => 15) {
  const events: string[] = [];
  let inFlight = 0;
  let most = 0;
  const ask = async (prompt: string): Promise<string> => {
    events.push(`start ${prompt}`);
    most = Math.max(most, ++inFlight);
    await sleepReal(ms());
    inFlight--;
    events.push(`end ${prompt}`);
    if (prompt.startsWith("fail")) throw new Error(`${prompt} failed`);
    return `reply to ${prompt}`;
  };
  const outcome = await askCapped(prompts, cap, ask).then(
    (value) => ({ value, error: undefined as unknown }),
    (error: unknown) => ({ value: undefined, error }),
  );
  if (outcome.error !== undefined && isTodo(outcome.error)) throw outcome.error as Error;
  return { ...outcome, events, most };
}

const names = (n: number) => Array.from({ length: n }, (_, i) => `p${i + 1}`);

/**
 * The tests of the `askCapped` exercise, for `checkCode`: replies come back in the order of the
 * prompts, whichever finished first; never more than `cap` calls run at once, and `cap` of them do
 * run together; every prompt is asked once; no prompts give `[]`; a failing call rejects with its
 * error. They count calls in flight, not the clock, so a busy machine cannot turn a right answer
 * wrong. Waves of `cap` and a pool that refills each free slot both pass.
 * @param askCapped The reader's function.
 * @returns The tests; a `TODO:` error from a stub makes `checkCode` report "not answered yet".
 * @throws {TypeError} When `askCapped` is not a function.
 * @example
 * ```ts
 * const askCapped: AskCapped = async (prompts, cap, ask) => {
 *   const replies: string[] = [];
 *   for (let i = 0; i < prompts.length; i += cap) {
 *     replies.push(...(await Promise.all(prompts.slice(i, i + cap).map(ask))));
 *   }
 *   return replies;
 * };
 * await checkCode("askCapped()", askCappedTests(askCapped)); // every line ✔
 * ```
 */
export function askCappedTests(askCapped: AskCapped): ExerciseTest[] {
  if (typeof askCapped !== "function") {
    throw new TypeError(`Cannot test askCapped: expected a function, got ${typeof askCapped}`);
  }
  return [
    {
      name: "replies in the order of the prompts, whichever answers first",
      run: async () => {
        const waits = [50, 10, 30, 5, 20];
        let call = 0;
        const r = await tryIt(askCapped, names(5), 2, () => waits[call++ % waits.length]!);
        assert.deepEqual(
          r.value,
          names(5).map((p) => `reply to ${p}`),
        );
      },
    },
    {
      name: "never more than 'cap' calls at once, and 'cap' do run together (7 prompts, cap 3)",
      run: async () => {
        const r = await tryIt(askCapped, names(7), 3);
        assert.equal(r.most, 3, `at most ${r.most} calls were in flight at once`);
      },
    },
    {
      name: "asks every prompt once, also when 'cap' is larger than the list",
      run: async () => {
        const r = await tryIt(askCapped, names(4), 10);
        const started = r.events.filter((e) => e.startsWith("start")).sort();
        assert.deepEqual(
          started,
          names(4).map((p) => `start ${p}`),
        );
        assert.equal(r.most, 4, `at most ${r.most} calls were in flight at once`);
      },
    },
    {
      name: "no prompts resolve with [] and ask nothing",
      run: async () => {
        const r = await tryIt(askCapped, [], 2);
        assert.deepEqual({ value: r.value, events: r.events }, { value: [], events: [] });
      },
    },
    {
      name: "a failing call rejects with its error",
      run: async () => {
        const r = await tryIt(askCapped, ["p1", "fail2", "p3"], 2);
        assert.ok(r.error instanceof Error, `it resolved with ${JSON.stringify(r.value)}`);
        assert.equal(r.error.message, "fail2 failed");
      },
    },
  ];
}
