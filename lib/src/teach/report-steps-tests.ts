// The tests of notebook 11's exercise `runReport`: dependent steps in order, independent ones together.
import { strict as assert } from "node:assert";
import { sleep } from "../async/sleep.js";
import { isTodo, type ExerciseTest } from "./exercise.js";

/** One step of the script: waits `ms` guide milliseconds, then resolves with its name. */
export type ReportStep = (name: string, ms: number) => Promise<string>;

/** The exercise's function: runs the report's four steps through `step`. */
export type RunReport = (step: ReportStep) => Promise<unknown>;

/** The script's steps and their guide milliseconds, as the exercise states them. */
const STEPS = { "read config": 200, "fetch users": 300, "fetch orders": 300, "write report": 200 };

interface Span {
  name: string;
  ms: number;
  start: number;
  end: number;
}

/** Runs the reader's function with a step that records when each step started and ended. */
async function record(runReport: RunReport): Promise<Span[]> {
  const spans: Span[] = [];
  let order = 0; // an event counter: the order of starts and ends, whatever the machine's speed
  const step: ReportStep = async (name, ms) => {
    const span = { name, ms, start: order++, end: NaN };
    spans.push(span);
    await sleep(ms);
    span.end = order++;
    return name;
  };
  try {
    await runReport(step);
  } catch (error) {
    if (isTodo(error)) throw error;
    throw new Error(`it rejected: ${String(error)}`, { cause: error });
  }
  return spans;
}

/** The span of one step, or a failure naming it. */
function spanOf(spans: Span[], name: string): Span {
  const span = spans.find((s) => s.name === name);
  assert.ok(span, `'${name}' never ran`);
  return span;
}

/**
 * The tests of the `runReport` exercise, for `checkCode`: each of the four steps runs once with
 * its stated time; the config is read before either fetch starts and the report is written after
 * both have ended; the two fetches overlap. The tests read the order of events, not the clock,
 * so a busy machine cannot turn a right answer wrong.
 * @param runReport The reader's function.
 * @returns The tests; a `TODO:` error from a stub makes `checkCode` report "not answered yet".
 * @throws {TypeError} When `runReport` is not a function.
 * @example
 * ```ts
 * const runReport: RunReport = async (step) => {
 *   await step("read config", 200);
 *   await Promise.all([step("fetch users", 300), step("fetch orders", 300)]);
 *   await step("write report", 200);
 * };
 * await checkCode("runReport()", reportStepsTests(runReport)); // every line ✔
 * ```
 */
export function reportStepsTests(runReport: RunReport): ExerciseTest[] {
  if (typeof runReport !== "function") {
    throw new TypeError(`Cannot test runReport: expected a function, got ${typeof runReport}`);
  }
  const spans = (() => {
    let recorded: Promise<Span[]> | undefined;
    return () => (recorded ??= record(runReport));
  })();
  return [
    {
      name: "runs each step once, with its stated time, and waits for all of them",
      run: async () => {
        const got = await spans();
        assert.deepEqual(
          got.map((s) => `${s.name} ${s.ms}`).sort(),
          Object.keys(STEPS)
            .map((name) => `${name} ${STEPS[name as keyof typeof STEPS]}`)
            .sort(),
        );
        assert.ok(
          got.every((s) => !Number.isNaN(s.end)),
          "it resolved before every step ended",
        );
      },
    },
    {
      name: "reads the config before any fetch, and writes the report after both fetches",
      run: async () => {
        const got = await spans();
        const [config, users, orders, report] = Object.keys(STEPS).map((n) => spanOf(got, n));
        assert.ok(config!.end < Math.min(users!.start, orders!.start), "a fetch began first");
        assert.ok(report!.start > Math.max(users!.end, orders!.end), "the report began too soon");
      },
    },
    {
      name: "fetches users and orders together: the two waits overlap",
      run: async () => {
        const got = await spans();
        const [users, orders] = [spanOf(got, "fetch users"), spanOf(got, "fetch orders")];
        assert.ok(
          users.start < orders.end && orders.start < users.end,
          "one fetch ended before the other started: 0.3 s lost",
        );
      },
    },
  ];
}
