// The tests of notebook 1's exercise `fetchAll`: fetch every page, all waiting together.
import { strict as assert } from "node:assert";
import { sleep } from "../async/sleep.js";
import { isTodo, type ExerciseTest } from "./exercise.js";

/** The exercise's function: fetches the page of each name; resolves with them in `names` order. */
export type FetchAll = (
  fetchPage: (name: string) => Promise<string>,
  names: readonly string[],
) => Promise<string[]>;

/** How long each test page takes, in guide ms: the slowest is first, so order matters. */
const PAGES: Record<string, number> = { news: 300, weather: 100, sport: 200 };

/** Runs the reader's function once on fake pages; records each fetch's start and end. */
async function tryFetchAll(fetchAll: FetchAll, names: readonly string[]) {
  const events: string[] = [];
  const fetchPage = async (name: string): Promise<string> => {
    events.push(`start ${name}`);
    await sleep(PAGES[name] ?? 100);
    events.push(`end ${name}`);
    return `page of ${name}`;
  };
  try {
    return { pages: await fetchAll(fetchPage, names), events };
  } catch (error) {
    if (isTodo(error)) throw error;
    return { pages: error as Error, events };
  }
}

/**
 * The tests of the `fetchAll` exercise, for `checkCode`: the pages come back in the order of the
 * names, every fetch starts before the first one ends (they wait together), each page is fetched
 * once, and an empty list gives `[]`. They read the order of events, not the clock, so a busy
 * machine cannot turn a right answer wrong.
 * @param fetchAll The reader's function.
 * @returns The tests; a `TODO:` error from a stub makes `checkCode` report "not answered yet".
 * @throws {TypeError} When `fetchAll` is not a function.
 * @example
 * ```ts
 * const fetchAll: FetchAll = (fetchPage, names) => Promise.all(names.map(fetchPage));
 * await checkCode("fetchAll()", fetchAllTests(fetchAll)); // every line starts with ✔
 * ```
 */
export function fetchAllTests(fetchAll: FetchAll): ExerciseTest[] {
  if (typeof fetchAll !== "function") {
    throw new TypeError(`Cannot test fetchAll: expected a function, got ${typeof fetchAll}`);
  }
  const names = ["news", "weather", "sport"];
  let run: ReturnType<typeof tryFetchAll> | undefined;
  const three = () => (run ??= tryFetchAll(fetchAll, names));
  return [
    {
      name: 'gives the pages in the order of the names: ["page of news", "page of weather", …]',
      run: async () => {
        const { pages } = await three();
        if (pages instanceof Error) throw pages;
        assert.deepEqual(
          pages,
          names.map((n) => `page of ${n}`),
        );
      },
    },
    {
      name: "starts every fetch before the first one ends (they wait together)",
      run: async () => {
        const { events } = await three();
        const firstEnd = events.findIndex((e) => e.startsWith("end"));
        assert.deepEqual(
          events.slice(0, Math.max(firstEnd, 0)).sort(),
          names.map((n) => `start ${n}`).sort(),
          "the fetches started before the first one ended",
        );
      },
    },
    {
      name: "fetches each page once",
      run: async () => {
        const { events } = await three();
        assert.deepEqual(events.filter((e) => e.startsWith("start")).sort(), [
          "start news",
          "start sport",
          "start weather",
        ]);
      },
    },
    {
      name: "an empty list gives []",
      run: async () => {
        const { pages } = await tryFetchAll(fetchAll, []);
        if (pages instanceof Error) throw pages;
        assert.deepEqual(pages, []);
      },
    },
  ];
}
