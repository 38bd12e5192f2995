// The tests of notebook 1's exercise `fetchAvatars`: users together, each user's two steps in turn.
import { strict as assert } from "node:assert";
import { sleep } from "../async/sleep.js";
import { isTodo, type ExerciseTest } from "./exercise.js";

/** The exercise's function: each id's user, then that user's avatar; avatars in `ids` order. */
export type FetchAvatars = (
  fetchUser: (id: string) => Promise<string>,
  fetchAvatar: (user: string) => Promise<string>,
  ids: readonly string[],
) => Promise<string[]>;

/**
 * How long each step takes, in guide ms. Every chain takes 400 ms, but ann's user is the slowest:
 * an answer that fetches all users first, then all avatars, starts bob's avatar only after ann's
 * user has come back (300 + 300 ms in all, against 400).
 */
const STEPS: Record<string, { user: number; avatar: number }> = {
  ann: { user: 300, avatar: 100 },
  bob: { user: 100, avatar: 300 },
  cy: { user: 200, avatar: 200 },
};

/** Runs the reader's function once on fake fetches; records each fetch's start and end. */
async function tryFetchAvatars(fetchAvatars: FetchAvatars, ids: readonly string[]) {
  const events: string[] = [];
  const fetchUser = async (id: string): Promise<string> => {
    events.push(`start user ${id}`);
    await sleep(STEPS[id]?.user ?? 100);
    events.push(`end user ${id}`);
    return `user ${id}`;
  };
  const fetchAvatar = async (user: string): Promise<string> => {
    const id = user.replace(/^user /, "");
    if (!events.includes(`end user ${id}`)) {
      throw new Error(`fetchAvatar(${JSON.stringify(user)}) called before that user was fetched`);
    }
    events.push(`start avatar ${id}`);
    await sleep(STEPS[id]?.avatar ?? 100);
    events.push(`end avatar ${id}`);
    return `avatar of ${id}`;
  };
  try {
    return { avatars: await fetchAvatars(fetchUser, fetchAvatar, ids), events };
  } catch (error) {
    if (isTodo(error)) throw error;
    return { avatars: error as Error, events };
  }
}

/**
 * The tests of the `fetchAvatars` exercise, for `checkCode`: the avatars come back in the order of
 * the ids, every user fetch starts before the first one ends, each avatar fetch starts as soon as
 * its own user is there (not after all the users), each fetch runs once, and no ids give `[]`. They
 * read the order of events, not the clock, so a busy machine cannot turn a right answer wrong.
 * @param fetchAvatars The reader's function.
 * @returns The tests; a `TODO:` error from a stub makes `checkCode` report "not answered yet".
 * @throws {TypeError} When `fetchAvatars` is not a function.
 * @example
 * ```ts
 * const fetchAvatars: FetchAvatars = (fetchUser, fetchAvatar, ids) =>
 *   Promise.all(ids.map(async (id) => fetchAvatar(await fetchUser(id))));
 * await checkCode("fetchAvatars()", avatarsTests(fetchAvatars)); // every line starts with ✔
 * ```
 */
export function avatarsTests(fetchAvatars: FetchAvatars): ExerciseTest[] {
  if (typeof fetchAvatars !== "function") {
    throw new TypeError(
      `Cannot test fetchAvatars: expected a function, got ${typeof fetchAvatars}`,
    );
  }
  const ids = ["ann", "bob", "cy"];
  let run: ReturnType<typeof tryFetchAvatars> | undefined;
  const three = async () => {
    const result = await (run ??= tryFetchAvatars(fetchAvatars, ids));
    if (result.avatars instanceof Error) throw result.avatars;
    return { avatars: result.avatars, events: result.events };
  };
  const started = (events: string[], what: string) =>
    events.filter((e) => e.startsWith(`start ${what}`)).sort();
  return [
    {
      name: 'gives the avatars in the order of the ids: ["avatar of ann", "avatar of bob", …]',
      run: async () =>
        assert.deepEqual(
          (await three()).avatars,
          ids.map((i) => `avatar of ${i}`),
        ),
    },
    {
      name: "starts every user fetch before the first one ends (the users wait together)",
      run: async () => {
        const { events } = await three();
        const firstEnd = events.findIndex((e) => e.startsWith("end"));
        const before = events.slice(0, Math.max(firstEnd, 0));
        assert.deepEqual(started(before, "user"), started(events, "user"));
      },
    },
    {
      name: "starts bob's avatar as soon as bob's user is there, before ann's user (300 ms) ends",
      run: async () => {
        const { events } = await three();
        const bobAvatar = events.indexOf("start avatar bob");
        assert.ok(bobAvatar >= 0, "bob's avatar was never fetched");
        assert.ok(
          bobAvatar < events.indexOf("end user ann"),
          `bob's avatar waited for ann's user: ${events.join(", ")}`,
        );
      },
    },
    {
      name: "fetches each user and each avatar once",
      run: async () => {
        const { events } = await three();
        assert.deepEqual(
          [...started(events, "user"), ...started(events, "avatar")],
          [...ids.map((i) => `start user ${i}`), ...ids.map((i) => `start avatar ${i}`)],
        );
      },
    },
    {
      name: "no ids give []",
      run: async () => {
        const { avatars } = await tryFetchAvatars(fetchAvatars, []);
        if (avatars instanceof Error) throw avatars;
        assert.deepEqual(avatars, []);
      },
    },
  ];
}
