// Create the course's Jupyter environment (.venv) and register the tslab kernel in it; safe to re-run.
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { $ } from "zx";
import { jupyterPython, root, venvDir } from "./jupyter-env.ts";

const requirements = path.join(root, "scripts", "jupyter-requirements.txt");
const tslabBinary = path.join(root, "node_modules", ".bin", "tslab");
const stampFile = path.join(venvDir, "async-ts-setup.json");

// Finding the modules, not importing them, keeps a re-run under a second.
const FIND_MODULES =
  "import sys, importlib.util as u; sys.exit(0 if u.find_spec('jupyterlab') and u.find_spec('nbclient') else 1)";

class SetupFailure extends Error {}

main().catch((error: unknown) => {
  console.error(error instanceof SetupFailure ? `✘ ${error.message}` : error);
  // During `npm install` the packages are in place: let the install finish and say what is left;
  // `npm run lab` and `npm test` run setup again and stop with the same message until it is fixed.
  if (error instanceof SetupFailure && process.argv.includes("--during-install")) {
    console.error(
      "  npm install finished without the Jupyter environment: `npm run lab` and `npm test` need it.",
    );
    process.exit(0);
  }
  process.exit(1);
});

async function main(): Promise<void> {
  if (process.env.ASYNC_TS_SKIP_SETUP) {
    console.log(
      "ASYNC_TS_SKIP_SETUP is set: leaving Jupyter alone (npm run lab and the checker need it).",
    );
    return;
  }
  if (!existsSync(tslabBinary)) {
    throw new SetupFailure("tslab is not installed in node_modules: run `npm install` first.");
  }
  if (process.env.ASYNC_TS_PYTHON) return registerWithOwnJupyter(process.env.ASYNC_TS_PYTHON);

  const stamp = await expectedStamp();
  if (await isReady(stamp)) {
    await writeLabOverrides();
    console.log("✔ Jupyter environment ready (.venv, tslab kernel registered)");
    return;
  }
  const started = performance.now();
  await createVenv();
  await installPackages();
  await registerKernel(jupyterPython(), "--sys-prefix");
  // The course's package.json says "type": "module"; JupyterLab runs CommonJS helpers from inside
  // .venv, which Node would otherwise load as ES modules ("Fail to get yarn configuration").
  await writeFile(path.join(venvDir, "package.json"), '{ "type": "commonjs" }\n');
  await writeLabOverrides();
  await writeFile(stampFile, stamp);
  const seconds = ((performance.now() - started) / 1000).toFixed(0);
  console.log(`✔ Jupyter environment ready in ${seconds} s (.venv, tslab kernel registered)`);
}

/** What a finished set-up records; a change in any part (new requirements, moved checkout) redoes it. */
async function expectedStamp(): Promise<string> {
  const reqs = await readFile(requirements, "utf8");
  const hash = createHash("sha256").update(reqs).digest("hex").slice(0, 16);
  return JSON.stringify({ requirements: hash, tslab: tslabBinary }) + "\n";
}

async function isReady(stamp: string): Promise<boolean> {
  const recorded = await readFile(stampFile, "utf8").catch(() => "");
  if (recorded !== stamp) return false;
  const probe = await $({ quiet: true, nothrow: true })`${jupyterPython()} -c ${FIND_MODULES}`;
  if (probe.exitCode !== 0) return false;
  const kernelJson = path.join(venvDir, "share", "jupyter", "kernels", "tslab", "kernel.json");
  const spec = await readFile(kernelJson, "utf8").catch(() => "{}");
  return (JSON.parse(spec) as { argv?: string[] }).argv?.[0] === tslabBinary;
}

/**
 * Turns off JupyterLab's "get notified about official Jupyter news?" prompt and its update check in
 * the course's own Lab (settings overrides in .venv), so no toast covers a notebook; a reader can
 * still switch them on in Settings. Other overrides already in the file are kept.
 */
async function writeLabOverrides(): Promise<void> {
  const dir = path.join(venvDir, "share", "jupyter", "lab", "settings");
  const file = path.join(dir, "overrides.json");
  const current = existsSync(file)
    ? (JSON.parse(await readFile(file, "utf8")) as Record<string, object>)
    : {};
  const notification = "@jupyterlab/apputils-extension:notification";
  current[notification] = { ...current[notification], fetchNews: "false", checkForUpdates: false };
  await mkdir(dir, { recursive: true });
  await writeFile(file, JSON.stringify(current, null, 2) + "\n");
}

/** Finds a Python >= 3.9 with the venv module, or says what to install. */
async function findPython(): Promise<string> {
  const candidates = [process.env.PYTHON, "python3", "python"].filter((p): p is string => !!p);
  for (const python of candidates) {
    const probe = await $({
      quiet: true,
      nothrow: true,
    })`${python} -c "import sys; print(sys.version_info >= (3, 9))"`;
    if (probe.exitCode !== 0) continue;
    if (probe.stdout.trim() !== "True") {
      throw new SetupFailure(
        `${python} is older than Python 3.9: install Python >= 3.9 (or set PYTHON=/path/to/python3).`,
      );
    }
    const venv = await $({ quiet: true, nothrow: true })`${python} -c "import venv, ensurepip"`;
    if (venv.exitCode !== 0) {
      throw new SetupFailure(
        `${python} has no working venv module, which the course needs to create .venv.\n` +
          "  Install it (Debian/Ubuntu: sudo apt-get install python3-venv), then run `npm run setup`.",
      );
    }
    return python;
  }
  throw new SetupFailure(
    "No Python found (tried $PYTHON, python3, python). Install Python >= 3.9 with its venv module\n" +
      "  (Debian/Ubuntu: sudo apt-get install python3 python3-venv), then run `npm run setup`.",
  );
}

/** Creates .venv, or re-creates it when a previous attempt left it broken. */
async function createVenv(): Promise<void> {
  if (existsSync(venvDir)) {
    if (!existsSync(path.join(venvDir, "pyvenv.cfg"))) {
      throw new SetupFailure(
        `${venvDir} exists but is not a Python virtual environment: move it away and re-run.`,
      );
    }
    const alive = await $({ quiet: true, nothrow: true })`${jupyterPython()} -c "import pip"`;
    if (alive.exitCode === 0) return;
    console.log("The .venv folder is broken (its Python or pip does not run): re-creating it.");
    await rm(venvDir, { recursive: true, force: true });
  }
  const python = await findPython();
  console.log(`Creating .venv with ${python} ...`);
  const made = await $({ quiet: true, nothrow: true })`${python} -m venv ${venvDir}`;
  if (made.exitCode !== 0) {
    await rm(venvDir, { recursive: true, force: true });
    throw new SetupFailure(
      `${python} -m venv failed:\n${made.stderr.trim()}\n  Install python3-venv (Debian/Ubuntu) and re-run.`,
    );
  }
}

async function installPackages(): Promise<void> {
  console.log("Installing JupyterLab and nbclient into .venv (about 20 s) ...");
  // Where pip cannot reach an index, each retry costs minutes; fail fast unless told otherwise.
  const retries = process.env.PIP_RETRIES ?? "0";
  const pip = await $({
    quiet: true,
    nothrow: true,
  })`${jupyterPython()} -m pip install --retries ${retries} --disable-pip-version-check -q -r ${requirements}`;
  if (pip.exitCode !== 0) {
    const tail = pip.stderr.trim().split("\n").slice(-5).join("\n  ");
    throw new SetupFailure(
      `pip could not install the Jupyter packages:\n  ${tail}\n  Check your network or pip index settings, then run \`npm run setup\`.`,
    );
  }
}

/** Registers the tslab kernel (and jslab) with the given Python's Jupyter, pointing at this checkout. */
async function registerKernel(python: string, where: "--sys-prefix" | "--user"): Promise<void> {
  const out = await $({
    quiet: true,
    nothrow: true,
  })`${tslabBinary} install --python=${python} ${where} --binary=${tslabBinary}`;
  if (out.exitCode !== 0) {
    throw new SetupFailure(
      `tslab could not register its kernel with ${python}:\n${out.stderr.trim()}`,
    );
  }
}

/** For readers who bring their own Jupyter: check it has what the course needs, then register. */
async function registerWithOwnJupyter(python: string): Promise<void> {
  const probe = await $({
    quiet: true,
    nothrow: true,
  })`${python} -c "import jupyter_client, nbclient"`;
  if (probe.exitCode !== 0) {
    throw new SetupFailure(
      `ASYNC_TS_PYTHON=${python} cannot import jupyter_client and nbclient: install them there\n` +
        `  (${python} -m pip install jupyterlab nbclient), or unset ASYNC_TS_PYTHON to use the course's .venv.`,
    );
  }
  await registerKernel(python, "--user");
  console.log(`✔ tslab kernel registered for your Jupyter (${python}, user kernels)`);
}
