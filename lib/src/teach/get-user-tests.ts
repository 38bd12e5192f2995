// The tests of notebook 3's exercise `getUser`: a cached answer still calls back after the caller's code.
import { strict as assert } from "node:assert";
import type { ExerciseTest } from "./exercise.js";

/** The exercise's function: answers from `cache` on a hit, from a slow "database" on a miss. */
export type GetUser = (id: string, callback: (user: string) => void) => void;

/** Records `before`, the call, `after` and the callback, in the order they happen. */
function orderOf(getUser: GetUser, id: string): Promise<string[]> {
  return new Promise<string[]>((done) => {
    const order = ["before"];
    getUser(id, (user) => {
      order.push(`callback ${user}`);
      done(order);
    });
    order.push("after");
  });
}

/**
 * The tests of the `getUser` exercise, for `checkCode`: on a miss and on a hit the callback runs
 * after the caller's synchronous code, and on a hit before an immediate queued just before the
 * call (as soon as possible, not merely later). A stub that throws `TODO:` shows as "not
 * answered yet".
 * @param getUser The reader's function; it reads and fills `cache`.
 * @param cache The cache `getUser` uses: the tests clear it for a miss and fill it for a hit.
 * @returns The tests.
 * @throws {TypeError} When `getUser` is not a function or `cache` not a Map.
 * @example
 * ```ts
 * const cache = new Map<string, string>();
 * const getUser: GetUser = (id, callback) => {
 *   const hit = cache.get(id);
 *   if (hit !== undefined) queueMicrotask(() => callback(hit));
 *   else setTimeout(() => { cache.set(id, `user ${id}`); callback(`user ${id}`); }, 10);
 * };
 * await checkCode("getUser()", getUserTests(getUser, cache)); // every line ✔
 * ```
 */
export function getUserTests(getUser: GetUser, cache: Map<string, string>): ExerciseTest[] {
  if (typeof getUser !== "function") {
    throw new TypeError(`Cannot test getUser: expected a function, got ${typeof getUser}`);
  }
  if (!(cache instanceof Map)) {
    throw new TypeError(`Cannot test getUser: 'cache' must be a Map, got ${String(cache)}`);
  }
  const inOrder = (id: string) => ["before", "after", `callback user ${id}`];
  return [
    {
      name: "a miss calls back after the caller's code",
      run: async () => {
        cache.clear();
        assert.deepEqual(await orderOf(getUser, "7"), inOrder("7"));
      },
    },
    {
      name: "a hit calls back after the caller's code",
      run: async () => {
        cache.set("8", "user 8");
        assert.deepEqual(await orderOf(getUser, "8"), inOrder("8"));
      },
    },
    {
      name: "a hit calls back before an immediate queued just before the call",
      run: async () => {
        cache.set("9", "user 9");
        const order: string[] = [];
        setImmediate(() => order.push("immediate"));
        getUser("9", () => order.push("callback"));
        await new Promise((resolve) => setImmediate(resolve)); // after the immediate above
        assert.deepEqual(order, ["callback", "immediate"]);
      },
    },
  ];
}
