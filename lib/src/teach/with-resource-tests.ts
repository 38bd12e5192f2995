// The tests of notebook 8's exercise `withResource`: open, use, and always close.
import { strict as assert } from "node:assert";
import { isTodo, type ExerciseTest } from "./exercise.js";

/** The exercise's function: opens a resource, passes it to `use`, and always closes it. */
export type WithResource = <R, T>(
  open: () => Promise<R>,
  close: (resource: R) => Promise<void>,
  use: (resource: R) => T | Promise<T>,
) => Promise<T>;

/** What one trial returns: the outcome and the steps logged by the time it settled. */
interface Trial {
  outcome: unknown;
  steps: string[];
}

/** Runs the reader's function once with a fake resource that logs each step. */
async function trial(
  withResource: WithResource,
  open: (steps: string[]) => Promise<string>,
  use: (steps: string[]) => (resource: string) => unknown,
): Promise<Trial> {
  const steps: string[] = [];
  // close takes 5 ms: a withResource that does not wait for it settles before "close" is logged
  const close = async (r: string) => {
    await new Promise((resolve) => setTimeout(resolve, 5));
    steps.push(`close ${r}`);
  };
  const outcome = await (async () => withResource(() => open(steps), close, use(steps)))().catch(
    (error: unknown) => {
      if (isTodo(error)) throw error;
      return `rejected: ${(error as Error).message}`;
    },
  );
  return { outcome, steps };
}

const openIt = (steps: string[]) => (steps.push("open"), Promise.resolve("file"));
const failToOpen = async (): Promise<string> => Promise.reject(new Error("open failed"));
const readIt = () => (r: string) => Promise.resolve(`read ${r}`);
const useSlowly = (steps: string[]) => async () => {
  await new Promise((resolve) => setTimeout(resolve, 20));
  steps.push("use done");
  return "done";
};
const rejectLater = () => async (): Promise<never> => Promise.reject(new Error("use failed"));
const throwAtOnce = () => (): never => {
  throw new Error("use failed"); // before any promise exists
};

/**
 * The tests of the `withResource` exercise, for `checkCode`, one per requirement: it returns what
 * `use` returns; closes only after `use` has finished and settles after `close`; closes and
 * rejects with `use`'s error when `use` rejects or throws at once; and does not close what never
 * opened.
 * @param withResource The reader's function.
 * @returns The tests; a `TODO:` error from a stub makes `checkCode` report "not answered yet".
 * @throws {TypeError} When `withResource` is not a function.
 * @example
 * ```ts
 * async function withResource<R, T>(open: () => Promise<R>,
 *   close: (r: R) => Promise<void>, use: (r: R) => T | Promise<T>): Promise<T> {
 *   const resource = await open();
 *   try { return await use(resource); } finally { await close(resource); }
 * }
 * await checkCode("withResource()", withResourceTests(withResource)); // every line ✔
 * ```
 */
export function withResourceTests(withResource: WithResource): ExerciseTest[] {
  if (typeof withResource !== "function") {
    throw new TypeError(
      `Cannot test withResource: expected a function, got ${typeof withResource}`,
    );
  }
  const expect = (
    open: typeof openIt,
    use: (steps: string[]) => (r: string) => unknown,
    outcome: string,
    steps = ["open", "close file"],
  ) => {
    return async () => assert.deepEqual(await trial(withResource, open, use), { outcome, steps });
  };
  const failed = "rejected: use failed";
  return [
    { name: "returns what use returns, then closes", run: expect(openIt, readIt, "read file") },
    {
      name: "closes after use has finished, and settles after close",
      run: expect(openIt, useSlowly, "done", ["open", "use done", "close file"]),
    },
    {
      name: "closes when use rejects, and rejects with its error",
      run: expect(openIt, rejectLater, failed),
    },
    { name: "closes when use throws before any promise", run: expect(openIt, throwAtOnce, failed) },
    {
      name: "does not close what never opened, and rejects with open's error",
      run: expect(failToOpen, readIt, "rejected: open failed", []),
    },
  ];
}
