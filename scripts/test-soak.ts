// Run the unit tests many times in a row, optionally beside a CPU hog, to flush out races.
import { spawn, type ChildProcess } from "node:child_process";
import os from "node:os";
import { parseArgs } from "node:util";

const USAGE = `Usage: npm run test:soak -- [--runs N] [--hog] [--grep PATTERN]

Runs the mocha suite N times in a row (default 20) and reports every failing test with how often
it failed. Use it after touching anything with timing, child processes, sockets or servers, and
before calling a flaky test fixed.
  --runs N        how many runs (default 20)
  --hog           keep every core busy with a spinning process while the tests run
  --grep PATTERN  only run tests whose full title matches (passed to mocha)`;

interface Run {
  ok: boolean;
  seconds: number;
  failures: string[];
}

const options = readArgs();
const hogs = options.hog ? startHogs() : [];
const stopHogs = () => hogs.forEach((hog) => hog.kill("SIGKILL"));
process.on("exit", stopHogs);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => process.exit(130));
}

const runs: Run[] = [];
for (let i = 1; i <= options.runs; i++) {
  const run = await runMocha(options.grep);
  runs.push(run);
  const what = run.ok ? "ok" : `FAILED: ${run.failures.join("; ") || "(see output above)"}`;
  console.log(`run ${i}/${options.runs}: ${what} (${run.seconds.toFixed(0)} s)`);
}
stopHogs();
report(runs);
process.exitCode = runs.every((run) => run.ok) ? 0 : 1;

function readArgs(): { runs: number; hog: boolean; grep?: string } {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        runs: { type: "string", default: "20" },
        hog: { type: "boolean", default: false },
        grep: { type: "string" },
        help: { type: "boolean", default: false },
      },
    }));
  } catch (error) {
    console.error(`test:soak: ${(error as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) {
    console.error(
      `test:soak: --runs must be a whole number >= 1, got '${values.runs}'\n\n${USAGE}`,
    );
    process.exit(2);
  }
  return { runs, hog: values.hog, grep: values.grep };
}

/** One spinning process per core; each dies with us (SIGKILL on exit) or when its parent is gone. */
function startHogs(): ChildProcess[] {
  const spin =
    "const p = process.ppid; for (let i = 0; ; i++) if (i % 1e8 === 0 && process.ppid !== p) break;";
  const count = os.availableParallelism();
  console.log(`CPU hog: ${count} spinning process(es)`);
  return Array.from({ length: count }, () =>
    spawn(process.execPath, ["-e", spin], { stdio: "ignore" }),
  );
}

/** Runs mocha once with the spec reporter, echoing its output, and collects the failing titles. */
function runMocha(grep?: string): Promise<Run> {
  const started = performance.now();
  const args = ["mocha", "--reporter", "dot", ...(grep ? ["--grep", grep] : [])];
  const child = spawn("node_modules/.bin/mocha", args.slice(1), {
    stdio: ["ignore", "pipe", "inherit"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => {
    output += chunk.toString();
    process.stdout.write(chunk);
  });
  return new Promise((resolve) => {
    child.on("close", (code) => {
      // mocha's dot reporter lists failures as "  1) suite\n       test:\n" blocks.
      const failures = [...output.matchAll(/^ {2}\d+\) ([^\n]+)\n((?: {7}[^\n]+\n)*)/gm)].map((m) =>
        `${m[1]} ${(m[2] ?? "").replace(/\s+/g, " ").trim()}`.replace(/:$/, ""),
      );
      const seconds = (performance.now() - started) / 1000;
      resolve({ ok: code === 0, seconds, failures: [...new Set(failures)] });
    });
  });
}

function report(all: Run[]): void {
  const counts = new Map<string, number>();
  for (const name of all.flatMap((run) => run.failures))
    counts.set(name, (counts.get(name) ?? 0) + 1);
  const failed = all.filter((run) => !run.ok).length;
  console.log(`\nSoak: ${all.length} run(s)${options.hog ? " beside a CPU hog" : ""}`);
  for (const [name, n] of [...counts].sort((a, b) => b[1] - a[1])) {
    console.log(`  ✘ ${n}/${all.length}  ${name}`);
  }
  console.log(`soak: ${all.length - failed} passed, ${failed} failed`);
}
