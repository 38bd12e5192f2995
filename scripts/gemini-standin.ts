// Runs the local Gemini stand-in server from the command line, logging one line per request.
import { parseArgs } from "node:util";
import {
  STANDIN_API_KEY,
  startStandin,
  type StandinOptions,
  type StandinRequestLog,
} from "@async-ts/lib";
import { whenParentGone } from "./parent-watch.ts";

const USAGE = `Usage: npm run gemini-standin -- [options]
  --port N                 port on 127.0.0.1 (default 8765; 0 picks a free one)
  --latency-ms L           latency per request in guide ms, scaled by ASYNC_TS_TIME_SCALE (default 400)
  --capacity C             requests in flight served at full speed; past it latency climbs and
                           429/503 answers appear (default: no limit)
  --fail-rate R            fraction of requests (0..1) that fail (default 0)
  --fail-status LIST       statuses for failures, e.g. 429,503 (default 429,503; allowed 429,500,503,504)
  --mid-stream-fail-rate R fraction of streamed answers (0..1) that fail halfway (default 0)
  --seed S                 seed for which requests fail or are slow (default 1)
  --slow-rate R            fraction of requests (0..1) answered after --slow-ms (default 0)
  --slow-ms M              latency of a slow answer in guide ms (default 30000)
  --help                   show this help
It stops on Ctrl-C, on SIGTERM, and when the npm (or other) process that started it is gone.`;

// Flags by the option they set, so that an option's error message can name the flag typed.
const FLAGS: Record<string, keyof StandinOptions> = {
  port: "port",
  "latency-ms": "latencyMs",
  capacity: "capacity",
  "fail-rate": "failRate",
  "mid-stream-fail-rate": "midStreamFailRate",
  seed: "seed",
  "slow-rate": "slowRate",
  "slow-ms": "slowMs",
};

/** A mistake in how the CLI was called; exits with status 2 and the usage. */
class UsageError extends Error {}

function parseNumber(flag: string, raw: string): number {
  const value = Number(raw);
  if (raw.trim() === "" || !Number.isFinite(value)) {
    throw new UsageError(`--${flag} must be a number, got '${raw}'`);
  }
  return value;
}

function parseFlags(argv: string[]): StandinOptions | "help" {
  const flags = Object.fromEntries(
    Object.keys(FLAGS).map((flag) => [flag, { type: "string" as const }]),
  );
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { ...flags, "fail-status": { type: "string" }, help: { type: "boolean" } },
      strict: true,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message, { cause: error });
  }
  if (values.help) return "help";
  const options: Record<string, unknown> = { port: 8765 };
  for (const [flag, option] of Object.entries(FLAGS)) {
    const raw = values[flag];
    if (typeof raw === "string") options[option] = parseNumber(flag, raw);
  }
  const statuses = values["fail-status"];
  if (typeof statuses === "string") {
    options.failStatuses = statuses.split(",").map((s) => parseNumber("fail-status", s));
  }
  return options;
}

function formatRequestLine(entry: StandinRequestLog): string {
  const what = entry.method ? [entry.method, entry.model].filter(Boolean).join(" ") : entry.path;
  const status = entry.status === 499 ? "499 (client went away)" : String(entry.status);
  return `${new Date().toISOString().slice(11, 23)} ${entry.httpMethod} ${what} ${status} ${entry.ms} ms`;
}

function nameFlag(message: string): string {
  const flag = Object.entries(FLAGS).find(([, option]) => message.includes(`'${option}'`))?.[0];
  const named = flag ? message.replace(/'(\w+)'/, `'$1' (--${flag})`) : message;
  return named.replace("'failStatuses'", "'failStatuses' (--fail-status)");
}

async function runStandin(argv: string[]): Promise<number> {
  let options: StandinOptions | "help";
  try {
    options = parseFlags(argv);
  } catch (error) {
    console.error(`gemini-standin: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (options === "help") {
    console.log(USAGE);
    return 0;
  }
  let standin;
  try {
    standin = await startStandin({
      ...options,
      onRequest: (entry) => console.log(formatRequestLine(entry)),
    });
  } catch (error) {
    console.error(`gemini-standin: ${nameFlag((error as Error).message)}`);
    return error instanceof RangeError ? 2 : 1;
  }
  console.log(`Gemini stand-in listening on ${standin.url} (pid ${process.pid})`);
  console.log(
    `Point the SDK at it: new GoogleGenAI({ apiKey: "${STANDIN_API_KEY}", httpOptions: { baseUrl: "${standin.url}" } })`,
  );
  console.log(`Press Ctrl-C to stop (or kill ${process.pid}).`);
  const reason = await new Promise<string>((resolve) => {
    process.once("SIGINT", () => resolve("on SIGINT"));
    process.once("SIGTERM", () => resolve("on SIGTERM"));
    void whenParentGone("gemini-standin").then((why) => resolve(`because ${why}`));
  });
  await standin.close();
  // With the parent gone, stdout may be a closed pipe: a failed last line must not crash the exit.
  process.stdout.on("error", () => {});
  console.log(`Stopped ${reason}.`);
  return 0;
}

process.exitCode = await runStandin(process.argv.slice(2));
