// The tests of notebook 4's exercise `loadPage`: start both, show the user first, leave nothing unhandled.
import { strict as assert } from "node:assert";
import { fakeOp } from "./fake-op.js";
import { isTodo, type ExerciseTest } from "./exercise.js";
import { watchUnhandled } from "./watch-unhandled.js";

/** The exercise's function: loads a user and (optional) ads, shows the user as soon as it can. */
export type LoadPage = (
  getUser: () => Promise<string>,
  getAds: () => Promise<string>,
  showUser: (user: string) => void,
) => Promise<{ user: string; ads: string | null }>;

/** One scenario: how long each operation takes (guide ms) and whether it fails. */
interface Scenario {
  user: [ms: number, fails: boolean];
  ads: [ms: number, fails: boolean];
}

/**
 * The tests of the `loadPage` exercise, for `checkCode`. Each scenario runs `loadPage` on fake
 * operations and watches for unhandled rejections until both operations have settled. Orderings
 * are read from what the fakes recorded, so a busy machine cannot make a right answer fail.
 * @param loadPage The reader's function.
 * @returns The tests; a `TODO:` error from a stub makes `checkCode` report "not answered yet".
 * @throws {TypeError} When `loadPage` is not a function.
 * @example
 * ```ts
 * const loadPage: LoadPage = async (getUser, getAds, showUser) => {
 *   const ads = getAds().catch(() => null);
 *   const user = await getUser();
 *   showUser(user);
 *   return { user, ads: await ads };
 * };
 * await checkCode("loadPage()", loadPageTests(loadPage)); // every line starts with ✔
 * ```
 */
export function loadPageTests(loadPage: LoadPage): ExerciseTest[] {
  if (typeof loadPage !== "function") {
    throw new TypeError(`Cannot test loadPage: expected a function, got ${typeof loadPage}`);
  }
  const runs = new Map<string, ReturnType<typeof tryLoadPage>>();
  // Each scenario runs once, however many tests read it.
  const run = (s: Scenario) => {
    const key = JSON.stringify(s);
    if (!runs.has(key)) runs.set(key, tryLoadPage(loadPage, s));
    return runs.get(key)!;
  };
  const bothOk: Scenario = { user: [1000, false], ads: [2000, false] };
  return [
    {
      name: 'both succeed: resolves with { user: "user\'s data", ads: "ads\'s data" }',
      run: async () => {
        const r = await run(bothOk);
        assert.deepEqual(r.outcome, fulfilled({ user: "user's data", ads: "ads's data" }));
      },
    },
    {
      name: "starts getAds before the user has arrived (both run at once), each called once",
      run: async () => {
        const r = await run(bothOk);
        assert.deepEqual([r.user.calls, r.ads.calls], [1, 1], "calls of [getUser, getAds]");
        assert.ok(r.ads.calledAt < r.user.settledAt, "getAds was called only after the user came");
      },
    },
    {
      name: "calls showUser(user) once, as soon as the user is there, before the ads (2 s) arrive",
      run: async () => {
        const r = await run(bothOk);
        assert.deepEqual(
          r.shown.map((s) => s.user),
          ["user's data"],
          "showUser's calls",
        );
        assert.ok(r.shown[0]!.at < r.ads.settledAt, "showUser ran only after the ads had arrived");
      },
    },
    {
      name: "ads fail (0.5 s) while the user loads (1.5 s): { user, ads: null }, nothing unhandled",
      run: async () => {
        const r = await run({ user: [1500, false], ads: [500, true] });
        assert.deepEqual(r.outcome, fulfilled({ user: "user's data", ads: null }));
        assertNoneUnhandled(r.unhandled);
      },
    },
    {
      name: "user fails (0.5 s), ads load (1.5 s): rejects at once with the user's error",
      run: async () => {
        const r = await run({ user: [500, true], ads: [1500, false] });
        assertRejectedWith(r.outcome, "user failed");
        assert.ok(r.settledAt < r.ads.settledAt, "loadPage waited for the ads before rejecting");
        assertNoneUnhandled(r.unhandled);
      },
    },
    {
      name: "user fails (0.5 s), ads fail later (1 s): rejects with the user's error, nothing unhandled",
      run: async () => {
        const r = await run({ user: [500, true], ads: [1000, true] });
        assertRejectedWith(r.outcome, "user failed");
        assertNoneUnhandled(r.unhandled);
      },
    },
    {
      name: "ads fail first (0.5 s), then the user (1 s): rejects with the user's error, nothing unhandled",
      run: async () => {
        const r = await run({ user: [1000, true], ads: [500, true] });
        assertRejectedWith(r.outcome, "user failed");
        assertNoneUnhandled(r.unhandled);
      },
    },
  ];
}

/** Runs one scenario; rethrows a stub's TODO error so the exercise shows as not answered. */
async function tryLoadPage(loadPage: LoadPage, s: Scenario) {
  const t0 = performance.now();
  const user = fakeOp("user", s.user[0], s.user[1], t0);
  const ads = fakeOp("ads", s.ads[0], s.ads[1], t0);
  const shown: { user: string; at: number }[] = [];
  const showUser = (u: string): void => void shown.push({ user: u, at: performance.now() - t0 });
  let settledAt = NaN;
  const watched = await watchUnhandled(
    async () => {
      try {
        return await loadPage(user.start, ads.start, showUser);
      } finally {
        settledAt = performance.now() - t0;
      }
    },
    // Watch until every operation that was started has settled: a late failure counts too.
    { until: () => Promise.all([user, ads].filter((op) => op.calls > 0).map((op) => op.settled)) },
  );
  if (watched.outcome.status === "rejected" && isTodo(watched.outcome.reason)) {
    throw watched.outcome.reason;
  }
  return { ...watched, user, ads, shown, settledAt };
}

function fulfilled<T>(value: T): PromiseSettledResult<T> {
  return { status: "fulfilled", value };
}

function assertRejectedWith(outcome: PromiseSettledResult<unknown>, message: string): void {
  const got =
    outcome.status === "fulfilled"
      ? `fulfilled with ${JSON.stringify(outcome.value)}`
      : `rejected with ${String(outcome.reason)}`;
  assert.equal(got, `rejected with Error: ${message}`);
}

function assertNoneUnhandled(unhandled: unknown[]): void {
  assert.deepEqual(
    unhandled.map(String),
    [],
    "a rejection was left unhandled: a Node process would exit with code 1",
  );
}
