// The tests of notebook 9's exercise `handleSignup`: await what matters, handle what you leave running.
import { strict as assert } from "node:assert";
import { fakeOp } from "./fake-op.js";
import { isTodo, type ExerciseTest } from "./exercise.js";
import { watchUnhandled } from "./watch-unhandled.js";

/** The exercise's function: saves the user (awaited), starts an audit (not awaited), reports its failure. */
export type HandleSignup = (
  name: string,
  saveUser: (name: string) => Promise<string>,
  audit: (name: string) => Promise<string>,
  report: (error: unknown) => void,
) => Promise<string>;

/** One scenario: whether the save (0.1 s) and the audit (0.5 s) fail. */
async function trySignup(handleSignup: HandleSignup, saveFails: boolean, auditFails: boolean) {
  const t0 = performance.now();
  const save = fakeOp("save", 100, saveFails, t0);
  const audit = fakeOp("audit", 500, auditFails, t0);
  const names: string[] = [];
  const reported: unknown[] = [];
  let settledAt = NaN;
  const watched = await watchUnhandled(
    async () => {
      try {
        return await handleSignup(
          "ada",
          (n) => (names.push(`save ${n}`), save.start()),
          (n) => (names.push(`audit ${n}`), audit.start()),
          (error) => void reported.push(error),
        );
      } finally {
        settledAt = performance.now() - t0;
      }
    },
    // Watch until whatever was started has settled: an audit failing later counts too.
    {
      until: () => Promise.all([save, audit].filter((op) => op.calls > 0).map((op) => op.settled)),
    },
  );
  if (watched.outcome.status === "rejected" && isTodo(watched.outcome.reason)) {
    throw watched.outcome.reason;
  }
  return { ...watched, save, audit, names, reported, settledAt };
}

function outcomeText(outcome: PromiseSettledResult<unknown>): string {
  return outcome.status === "fulfilled"
    ? `resolved with ${JSON.stringify(outcome.value)}`
    : `rejected with ${String(outcome.reason)}`;
}

/**
 * The tests of the `handleSignup` exercise, for `checkCode`: it resolves "201 Created" once the save
 * is done and before the audit is; a failed save rejects it; a failed audit is passed to `report`
 * and no rejection is left unhandled.
 * @param handleSignup The reader's function.
 * @returns The tests; a `TODO:` error from a stub makes `checkCode` report "not answered yet".
 * @throws {TypeError} When `handleSignup` is not a function.
 * @example
 * ```ts
 * const handleSignup: HandleSignup = async (name, saveUser, audit, report) => {
 *   await saveUser(name);
 *   void audit(name).catch(report);
 *   return "201 Created";
 * };
 * await checkCode("handleSignup()", handleSignupTests(handleSignup)); // every line starts with ✔
 * ```
 */
export function handleSignupTests(handleSignup: HandleSignup): ExerciseTest[] {
  if (typeof handleSignup !== "function") {
    throw new TypeError(
      `Cannot test handleSignup: expected a function, got ${typeof handleSignup}`,
    );
  }
  return [
    {
      name: 'resolves "201 Created" after the save (0.1 s), before the audit (0.5 s) is done',
      run: async () => {
        const r = await trySignup(handleSignup, false, false);
        assert.equal(outcomeText(r.outcome), 'resolved with "201 Created"');
        assert.deepEqual([...r.names].sort(), ["audit ada", "save ada"], "calls made");
        assert.ok(r.settledAt >= r.save.settledAt, "it answered before the save was done");
        assert.ok(r.settledAt < r.audit.settledAt, "it waited for the audit");
      },
    },
    {
      name: "a failed save rejects it with the save's error",
      run: async () => {
        const r = await trySignup(handleSignup, true, false);
        assert.equal(outcomeText(r.outcome), "rejected with Error: save failed");
        assert.deepEqual(r.unhandled.map(String), [], "a rejection was left unhandled");
      },
    },
    {
      name: 'a failed audit: still "201 Created", report(error) called once, nothing unhandled',
      run: async () => {
        const r = await trySignup(handleSignup, false, true);
        assert.equal(outcomeText(r.outcome), 'resolved with "201 Created"');
        assert.deepEqual(r.reported.map(String), ["Error: audit failed"], "what report() got");
        assert.deepEqual(r.unhandled.map(String), [], "a rejection was left unhandled");
      },
    },
  ];
}
