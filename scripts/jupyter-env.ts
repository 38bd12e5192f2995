// Find the course's Jupyter environment and say exactly what to do when it is not usable.
import { existsSync } from "node:fs";
import path from "node:path";
import { $ } from "zx";

/** The checkout's root folder. */
export const root = path.resolve(import.meta.dirname, "..");

/** The project-local virtual environment that `npm run setup` creates. */
export const venvDir = path.join(root, ".venv");

/** Thrown when Jupyter or the kernel is missing; its message says how to fix it. */
export class SetupError extends Error {
  override name = "SetupError";
}

/**
 * The Python whose Jupyter the course uses: `ASYNC_TS_PYTHON` when the reader brings their own
 * Jupyter, else the project's `.venv`.
 */
export function jupyterPython(): string {
  const own = process.env.ASYNC_TS_PYTHON;
  if (own) return own;
  return process.platform === "win32"
    ? path.join(venvDir, "Scripts", "python.exe")
    : path.join(venvDir, "bin", "python");
}

/** A short name for the environment in messages: ".venv" or the reader's own Python. */
export function describeEnv(): string {
  return process.env.ASYNC_TS_PYTHON ? `ASYNC_TS_PYTHON (${process.env.ASYNC_TS_PYTHON})` : ".venv";
}

/** How to repair the environment, for the end of every message. */
function fixHint(): string {
  return process.env.ASYNC_TS_PYTHON
    ? "run `npm run setup` with ASYNC_TS_PYTHON set to register the kernel there (see README, FAQ)"
    : "run `npm run setup` to create or repair it";
}

export interface KernelSpec {
  resource_dir: string;
  spec: { argv: string[]; language: string };
}

/** Reads the kernelspecs the environment's Jupyter knows about. */
export async function kernelSpecs(python = jupyterPython()): Promise<Record<string, KernelSpec>> {
  const out = await $({ quiet: true })`${python} -m jupyter kernelspec list --json`;
  return (JSON.parse(out.stdout) as { kernelspecs: Record<string, KernelSpec> }).kernelspecs;
}

/**
 * Checks that the environment runs, has the Python modules asked for, and knows the tslab kernel.
 * @param modules Python modules that must import, e.g. `["nbclient"]` or `["jupyterlab"]`.
 * @throws {SetupError} naming what is missing and the command that fixes it.
 */
export async function checkJupyter(modules: string[]): Promise<void> {
  const python = jupyterPython();
  if (!process.env.ASYNC_TS_PYTHON && !existsSync(python)) {
    throw new SetupError(`The Jupyter environment (.venv) does not exist: ${fixHint()}.`);
  }
  const probe = await $({
    quiet: true,
    nothrow: true,
  })`${python} -c ${`import ${modules.join(", ")}`}`;
  if (probe.exitCode !== 0) {
    const missing = /No module named '([^']+)'/.exec(probe.stderr)?.[1];
    throw new SetupError(
      missing
        ? `The Jupyter environment ${describeEnv()} lacks the Python module '${missing}': ${fixHint()}.`
        : `The Jupyter environment ${describeEnv()} does not run (${probe.stderr.trim() || `exit ${probe.exitCode}`}): ${fixHint()}.`,
    );
  }
  const spec = (await kernelSpecs(python)).tslab;
  if (!spec) {
    throw new SetupError(`The tslab kernel is not registered in ${describeEnv()}: ${fixHint()}.`);
  }
  const binary = spec.spec.argv[0] ?? "";
  if (!existsSync(binary)) {
    throw new SetupError(
      `The tslab kernel in ${describeEnv()} points at ${binary}, which does not exist: ${fixHint()}.`,
    );
  }
}

/**
 * Like checkJupyter, but repairs the course's own `.venv` by running setup once when it is missing,
 * half-installed or lacks the kernel. A reader's own Jupyter (ASYNC_TS_PYTHON) is only reported on.
 * @throws {SetupError} when setup cannot repair it; setup has then printed what to do.
 */
export async function ensureJupyter(modules: string[]): Promise<void> {
  try {
    await checkJupyter(modules);
    return;
  } catch (error) {
    if (!(error instanceof SetupError) || process.env.ASYNC_TS_PYTHON) throw error;
    console.error(`${error.message.split(":")[0]}: running setup to repair it.`);
  }
  const setup = await $({
    stdio: ["ignore", process.stderr, process.stderr],
    cwd: root,
    nothrow: true,
  })`npx tsx ${path.join(root, "scripts", "setup.ts")}`;
  if (setup.exitCode !== 0) {
    throw new SetupError("Setup could not repair the Jupyter environment: do what it says above.");
  }
  await checkJupyter(modules);
}
