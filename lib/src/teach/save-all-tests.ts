// The tests of notebook 9's exercise `saveAll`: wait for every save, let the others finish when one
// fails, and let that failure reach the caller.
import { strict as assert } from "node:assert";
import { sleep } from "../async/sleep.js";
import { isTodo, type ExerciseTest } from "./exercise.js";
import { watchUnhandled } from "./watch-unhandled.js";

/** The exercise's function: saves every id with `saveOne`, resolves when all are saved. */
export type SaveAll = (ids: string[], saveOne: (id: string) => Promise<void>) => Promise<void>;

/**
 * A fake `saveOne` that records each id once saved (after 0.1 s). `bad` fails sooner (after 0.02 s),
 * so a `saveAll` that gives up at the first failure leaves the other saves running.
 */
function fakeSave(bad?: string) {
  const saved: string[] = [];
  const saveOne = async (id: string): Promise<void> => {
    await sleep(id === bad ? 20 : 100);
    if (id === bad) throw new Error(`disk full while saving ${id}`);
    saved.push(id);
  };
  return { saved, saveOne };
}

/** Runs the reader's `saveAll` while watching for unhandled rejections; a stub's TODO is rethrown. */
async function trySaveAll(saveAll: SaveAll, bad?: string) {
  const fake = fakeSave(bad);
  let savedWhenSettled: string[] = [];
  const run = () =>
    saveAll(["a", "b", "c"], fake.saveOne).finally(() => (savedWhenSettled = [...fake.saved]));
  // Long enough for every fake save to settle, however saveAll started them.
  const watched = await watchUnhandled(run, { until: () => sleep(400) });
  if (watched.outcome.status === "rejected" && isTodo(watched.outcome.reason)) {
    throw watched.outcome.reason;
  }
  return { ...watched, savedWhenSettled, fake };
}

/**
 * The tests of the `saveAll` exercise, for `checkCode`: when it resolves, all three items are
 * saved; when one save fails, the others still finish, then it rejects with that save's error and
 * leaves nothing unhandled.
 * @param saveAll The reader's function.
 * @returns The tests; a `TODO:` error from a stub makes `checkCode` report "not answered yet".
 * @throws {TypeError} When `saveAll` is not a function.
 * @example
 * ```ts
 * const saveAll: SaveAll = async (ids, saveOne) => {
 *   const results = await Promise.allSettled(ids.map((id) => saveOne(id)));
 *   const failed = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
 *   if (failed) throw failed.reason;
 * };
 * await checkCode("saveAll()", saveAllTests(saveAll)); // every line starts with ✔
 * ```
 */
export function saveAllTests(saveAll: SaveAll): ExerciseTest[] {
  if (typeof saveAll !== "function") {
    throw new TypeError(`Cannot test saveAll: expected a function, got ${typeof saveAll}`);
  }
  return [
    {
      name: "all three saved by the time it resolves",
      run: async () => {
        const fake = fakeSave();
        const outcome = await saveAll(["a", "b", "c"], fake.saveOne).then(
          () => [...fake.saved].sort(),
          (error: unknown) => {
            if (isTodo(error)) throw error;
            return `rejected: ${String(error)}`;
          },
        );
        assert.deepEqual(outcome, ["a", "b", "c"]);
      },
    },
    {
      name: "a failed save makes it reject with that error, and nothing is left unhandled",
      run: async () => {
        const r = await trySaveAll(saveAll, "b");
        const got =
          r.outcome.status === "fulfilled"
            ? "it resolved"
            : `rejected with ${String(r.outcome.reason)}`;
        assert.equal(got, "rejected with Error: disk full while saving b");
        assert.deepEqual(r.unhandled.map(String), [], "a rejection was left unhandled");
      },
    },
    {
      name: "when a save fails, the other saves finish before it rejects",
      run: async () => {
        const r = await trySaveAll(saveAll, "b");
        const saved = [...r.savedWhenSettled].sort();
        assert.deepEqual(saved, ["a", "c"], `saved when saveAll settled: [${saved.join(", ")}]`);
      },
    },
  ];
}
