// Start and stop JupyterLab for the browser test (through `npm run lab`), and talk to its REST API.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { accessSync, constants } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { checkJupyter, root, SetupError } from "../jupyter-env.ts";

export const TIME_SCALE = "0.05";
const SERVER_START_SECONDS = 180;
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/** A missing prerequisite or a bad argument: reported in one line, exit 1. */
export class PrerequisiteError extends Error {}

/** A running JupyterLab started by {@link startLab}. */
export interface Lab {
  url: string;
  token: string;
  process: ChildProcess;
  log: string[];
  settingsDir: string;
}

/** The Chromium to drive: $CHROMIUM_PATH, else chromium on PATH. Never a downloaded browser. */
export function findChromium(): string {
  const candidates = process.env.CHROMIUM_PATH
    ? [process.env.CHROMIUM_PATH]
    : (process.env.PATH ?? "")
        .split(path.delimiter)
        .flatMap((dir) => ["chromium", "chromium-browser"].map((name) => path.join(dir, name)));
  for (const candidate of candidates) {
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // try the next one
    }
  }
  throw new PrerequisiteError(
    "Chromium not found on PATH: install it (Debian: apt-get install chromium), or set CHROMIUM_PATH.",
  );
}

export async function checkJupyterOrExplain(): Promise<void> {
  try {
    await checkJupyter(["jupyterlab"]);
  } catch (error) {
    if (error instanceof SetupError) {
      throw new PrerequisiteError(`JupyterLab is not ready: ${error.message}`);
    }
    throw error;
  }
}

/** Starts `npm run lab` on a free port with a random token, autosave off and every cell rendered. */
export async function startLab(onSpawn: (lab: Lab) => void): Promise<Lab> {
  const port = await freePort();
  const token = randomBytes(24).toString("hex");
  const tmp = await mkdtemp(path.join(os.tmpdir(), "test-browser-"));
  const settingsDir = path.join(tmp, "settings");
  await writeLabSettings(settingsDir);
  const args = [
    "tsx",
    "scripts/lab.ts",
    "--no-browser",
    `--port=${port}`,
    "--ip=127.0.0.1",
    `--ServerApp.token=${token}`,
    "--LabApp.news_url=None",
    "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
  ];
  const env = {
    ...process.env,
    ASYNC_TS_TIME_SCALE: TIME_SCALE,
    JUPYTERLAB_SETTINGS_DIR: settingsDir,
    JUPYTERLAB_WORKSPACES_DIR: path.join(tmp, "workspaces"),
    PYTHONWARNINGS: "ignore",
  };
  // Its own process group, so that stopping it also stops npx, tsx and Jupyter.
  const child = spawn("npx", args, { cwd: root, env, detached: true, stdio: "pipe" });
  const log: string[] = [];
  const keep = (chunk: Buffer) => log.push(...chunk.toString().split("\n").filter(Boolean));
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  const started: Lab = { url: `http://127.0.0.1:${port}`, token, process: child, log, settingsDir };
  onSpawn(started); // so that an interrupt during start-up can stop it
  await waitForServer(started);
  return started;
}

/** User settings win over JupyterLab's defaults: never autosave, render every cell (no windowing). */
export async function writeLabSettings(dir: string): Promise<void> {
  const settings = {
    "@jupyterlab/docmanager-extension/plugin": { autosave: false },
    "@jupyterlab/notebook-extension/tracker": { windowingMode: "none" },
  };
  for (const [plugin, values] of Object.entries(settings)) {
    const file = path.join(dir, `${plugin}.jupyterlab-settings`);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, JSON.stringify(values, null, 2));
  }
}

export async function waitForServer(server: Lab): Promise<void> {
  const deadline = Date.now() + SERVER_START_SECONDS * 1000;
  while (Date.now() < deadline) {
    if (server.process.exitCode !== null || server.process.signalCode !== null) {
      throw new PrerequisiteError(
        `npm run lab exited before JupyterLab answered:\n  ${server.log.slice(-10).join("\n  ")}`,
      );
    }
    const status = await api(server, "/api/status").catch(() => undefined);
    if (status?.ok) return;
    await sleep(500);
  }
  throw new PrerequisiteError(
    `JupyterLab did not answer within ${SERVER_START_SECONDS} s:\n  ${server.log.slice(-10).join("\n  ")}`,
  );
}

/** Stops Jupyter and everything `npm run lab` started: SIGTERM to the group, then SIGKILL. */
export async function stopLab(server: Lab | undefined): Promise<void> {
  if (!server?.process.pid) return;
  const child = server.process;
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((resolve) => child.once("exit", resolve));
    signalGroup(child.pid!, "SIGTERM");
    const done = await Promise.race([exited.then(() => true), sleep(15_000).then(() => false)]);
    if (!done) signalGroup(child.pid!, "SIGKILL");
  }
  // Whatever is left of the group (a slow kernel) goes too.
  signalGroup(child.pid!, "SIGKILL");
  await rm(path.dirname(server.settingsDir), { recursive: true, force: true });
}

export function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

export async function shutDownKernel(server: Lab, name: string): Promise<void> {
  const res = await api(server, "/api/sessions").catch(() => undefined);
  if (!res?.ok) return;
  const sessions = (await res.json()) as { id: string; path: string }[];
  for (const s of sessions.filter((s) => path.basename(s.path) === name)) {
    await api(server, `/api/sessions/${s.id}`, "DELETE").catch(() => undefined);
  }
}

export function api(server: Lab, route: string, method = "GET"): Promise<Response> {
  return fetch(`${server.url}${route}`, {
    method,
    headers: { Authorization: `token ${server.token}` },
    signal: AbortSignal.timeout(10_000),
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
