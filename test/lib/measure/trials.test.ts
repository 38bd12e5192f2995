import assert from "node:assert/strict";
import { blockFor, createTrials, decisionRows, fanOut, sleep } from "@async-ts/lib";
import { useTimeScale } from "../helpers.js";

/** Runs `fn` with console.log silenced, returning what it printed. */
async function printed(fn: () => Promise<unknown>): Promise<string[]> {
  const lines: string[] = [];
  const original = console.log;
  console.log = (line: string) => void lines.push(line);
  try {
    await fn();
  } finally {
    console.log = original;
  }
  return lines;
}

describe("createTrials()", () => {
  useTimeScale(0.01);

  it("runs its documented example: a wait is timed in guide seconds, with a free loop", async () => {
    const trials = createTrials();
    const lines = await printed(() => trials.run("I/O", "one loop", () => sleep(500), "≈ 0.50 s"));
    const row = trials.at("I/O", "one loop");
    // 500 guide ms is 5 real ms here, and a timer may fire up to 1 ms early against performance.now()
    // (libuv starts it from the loop's cached clock): the low end allows for that.
    assert.ok(row.seconds > 0.3 && row.seconds < 1.5, `seconds ${row.seconds}`);
    assert.ok(row["loop stuck up to (ms)"] < 50, `stuck ${row["loop stuck up to (ms)"]} ms`);
    assert.match(lines[0]!, /^I\/O, one loop: expected ≈ 0\.50 s, measured [\d.]+ s; loop stuck/);
    assert.deepEqual(trials.rows, [row]);
  });

  it("times CPU work in real seconds, best of 3, and sees the loop stuck", async () => {
    const trials = createTrials();
    const lines = await printed(() =>
      trials.run("CPU", "one loop", () => blockFor(10_000), "base", { cpu: true }),
    );
    const row = trials.at("CPU", "one loop"); // blockFor(10,000 guide ms) is 100 real ms
    assert.ok(row.seconds > 0.08 && row.seconds < 0.5, `seconds ${row.seconds}`);
    assert.ok(row["loop stuck up to (ms)"] > 60, `stuck ${row["loop stuck up to (ms)"]} ms`);
    assert.match(lines[0]!, /\(best of 3\); loop stuck up to \d+ ms$/);
  });

  it("sees a block shorter than its 10 ms default sampling, within a few ms", async () => {
    const trials = createTrials();
    await printed(() => trials.run("CPU", "short", () => blockFor(1_500), "15 ms", { cpu: true }));
    const row = trials.at("CPU", "short"); // blockFor(1,500 guide ms) is 15 real ms
    const stuck = row["loop stuck up to (ms)"];
    assert.ok(stuck >= 0.75 * row.seconds * 1000, `stuck ${stuck} ms for ${row.seconds} s of work`);
  });

  it("names a trial that never ran, and rejects work that is not a function", async () => {
    const trials = createTrials();
    assert.throws(() => trials.at("CPU", "chunked"), {
      message: "No trial ran 'CPU' with 'chunked'",
    });
    // @ts-expect-error: a wrong argument, as plain JavaScript could pass it
    await assert.rejects(trials.run("CPU", "x", 3, "?"), { message: /'work' must be a function/ });
  });
});

describe("decisionRows()", () => {
  const rows = [
    ["I/O", "one loop", 0.5, 1],
    ["I/O", "worker pool", 0.51, 2],
    ["CPU", "one loop", 0.6, 600],
    ["CPU", "chunked", 0.62, 80],
    ["CPU", "worker pool", 0.3, 2],
    ["JSON", "one loop", 0.05, 50],
    ["JSON", "worker pool, whole object back", 0.2, 120],
    ["JSON", "worker pool, summary back", 0.06, 1],
    ["script", "one loop", 0.7, 1],
    ["script", "worker pool", 0.71, 2],
  ] as const;
  const trials = createTrials();
  for (const [workload, approach, seconds, stuck] of rows)
    trials.rows.push({ workload, approach, seconds, "loop stuck up to (ms)": stuck });

  it("quotes each rule's evidence from the trials", () => {
    const table = decisionRows(trials, 2);
    assert.equal(table.length, 5);
    assert.match(
      table[1]!["evidence here"],
      /^one loop 0\.60 s, worker pool 0\.30 s: speed-up 2\.00× on 2 threads \(theory: up to 2× with 2 free cores\); loop stuck 2 ms instead of 600 ms$/,
    );
    assert.match(table[2]!["evidence here"], /whole object back 200 ms, loop stuck 120 ms/);
    assert.match(table[2]!.use, /transferList/);
  });

  it("names a missing trial and a bad thread count", () => {
    assert.throws(() => decisionRows(createTrials(), 2), {
      message: "No trial ran 'I/O' with 'one loop'",
    });
    assert.throws(() => decisionRows(trials, 0), { message: /'threads' must be >= 1, got 0/ });
  });
});

describe("fanOut()", () => {
  useTimeScale(0.01);

  it("runs every task, in order, within about one wait when uncapped", async () => {
    const health = await fanOut({ tasks: 1000 }); // 500 guide ms = 5 real ms each
    assert.deepEqual(
      health.value,
      Array.from({ length: 1000 }, (_, i) => i),
    );
    assert.ok(health.wallMs < 1000, `wall ${health.wallMs} ms`);
  });

  it("takes rounds when capped, and rejects a bad task count", async () => {
    const capped = await fanOut({ tasks: 40, concurrency: 10, ms: 2000 }); // 4 rounds of 20 ms
    assert.ok(capped.wallMs >= 75, `wall ${capped.wallMs} ms`);
    await assert.rejects(fanOut({ tasks: -1 }), {
      message: /'tasks' must be an integer >= 0, got -1/,
    });
  });
});
