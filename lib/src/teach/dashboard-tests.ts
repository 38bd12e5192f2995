// The tests of notebook 2's exercise `loadDashboard`: start what you can at once, wait only for the id.
import { strict as assert } from "node:assert";
import { sleep } from "../async/sleep.js";
import type { Timeline } from "../show/timeline.js";
import { isTodo, type ExerciseTest } from "./exercise.js";

/** The three fetches the dashboard needs; `fetchProfile` needs the id `fetchUser` gives. */
export interface DashboardApi {
  fetchUser: () => Promise<number>;
  fetchProfile: (id: number) => Promise<string>;
  fetchNews: () => Promise<string>;
}

/** The exercise's function: loads the user's profile and today's news, as fast as it can. */
export type LoadDashboard = (api: DashboardApi) => Promise<{ profile: string; news: string }>;

/** Runs the reader's function once on fake fetches (1 s, 2 s, 4 s), recording starts and ends. */
async function tryLoadDashboard(loadDashboard: LoadDashboard, timeline?: Timeline) {
  const events: string[] = [];
  const fake =
    <A extends unknown[], T>(name: string, ms: number, value: (...args: A) => T) =>
    async (...args: A): Promise<T> => {
      events.push(`start ${name}`);
      const bar = timeline?.start(name);
      await sleep(ms);
      bar?.end();
      events.push(`end ${name}`);
      return value(...args);
    };
  const api: DashboardApi = {
    fetchUser: fake("fetchUser", 1000, () => 42),
    fetchProfile: fake("fetchProfile", 2000, (id: number) => `profile of user ${id}`),
    fetchNews: fake("fetchNews", 4000, () => "today's news"),
  };
  try {
    return { result: await loadDashboard(api), events };
  } catch (error) {
    if (isTodo(error)) throw error;
    return { result: error as Error, events };
  }
}

/**
 * The tests of the `loadDashboard` exercise, for `checkCode`: it resolves with the profile of
 * user 42 and today's news; `fetchNews` starts before `fetchUser` ends (it needs nothing); and
 * `fetchProfile` starts before `fetchNews` ends (right after the id, not after the news). They
 * run `loadDashboard` once and read the order of events, so a busy machine cannot fool them.
 * @param loadDashboard The reader's function.
 * @param timeline When given, each fetch is drawn on it as a bar, for `timeline.show()`.
 * @returns The tests; a `TODO:` error from a stub makes `checkCode` report "not answered yet".
 * @throws {TypeError} When `loadDashboard` is not a function.
 * @example
 * ```ts
 * const loadDashboard: LoadDashboard = async ({ fetchUser, fetchProfile, fetchNews }) => {
 *   const [profile, news] = await Promise.all([fetchUser().then(fetchProfile), fetchNews()]);
 *   return { profile, news };
 * };
 * await checkCode("loadDashboard()", dashboardTests(loadDashboard)); // every line ✔
 * ```
 */
export function dashboardTests(loadDashboard: LoadDashboard, timeline?: Timeline): ExerciseTest[] {
  if (typeof loadDashboard !== "function") {
    throw new TypeError(
      `Cannot test loadDashboard: expected a function, got ${typeof loadDashboard}`,
    );
  }
  let run: ReturnType<typeof tryLoadDashboard> | undefined;
  const once = () => (run ??= tryLoadDashboard(loadDashboard, timeline));
  const startsBefore = (a: string, b: string) => async () => {
    const { result, events } = await once();
    if (result instanceof Error) throw result;
    const started = events.indexOf(`start ${a}`);
    const ended = events.indexOf(`end ${b}`);
    assert.ok(started >= 0 && (ended < 0 || started < ended), `${a} waited for ${b} to end`);
  };
  return [
    {
      name: "gives the profile of user 42 and today's news",
      run: async () => {
        const { result } = await once();
        if (result instanceof Error) throw result;
        assert.deepEqual(result, { profile: "profile of user 42", news: "today's news" });
      },
    },
    { name: "fetchNews starts before fetchUser ends", run: startsBefore("fetchNews", "fetchUser") },
    {
      name: "fetchProfile starts before fetchNews ends",
      run: startsBefore("fetchProfile", "fetchNews"),
    },
  ];
}
