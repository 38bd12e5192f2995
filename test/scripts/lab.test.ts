import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { createServer, type AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { $ } from "zx";
import { checkJupyter, root } from "../../scripts/jupyter-env.ts";
import { isAlive } from "../lib/helpers.js";

async function freePort(): Promise<number> {
  const probe = createServer().listen(0, "127.0.0.1");
  await once(probe, "listening");
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** Polls `fn` until it returns a value, or fails after `seconds`, naming `what`. */
async function until<T>(what: string, seconds: number, fn: () => Promise<T | undefined>) {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    const value = await fn().catch(() => undefined);
    if (value !== undefined) return value;
    await sleep(250);
  }
  throw new Error(`${what} within ${seconds} s`);
}

describe("npm run lab", function () {
  let npm: ChildProcess | undefined;
  let kernelPid: number | undefined;

  before(async function () {
    await checkJupyter(["jupyterlab"]).catch((error: Error) => {
      throw new Error(`JupyterLab is needed for this test: ${error.message}`);
    });
  });

  afterEach(() => {
    // Whatever a failed test left running: the npm group, then the kernel (a session of its own).
    for (const pid of [npm?.pid && -npm.pid, kernelPid]) {
      if (pid) {
        try {
          process.kill(pid, "SIGKILL");
        } catch {
          // already gone
        }
      }
    }
  });

  it("stops JupyterLab and shuts its kernels down on Ctrl-C, leaving no process behind", async function () {
    const port = await freePort();
    const token = "lab-test";
    const base = `http://127.0.0.1:${port}/api`;
    // detached: a group of its own, as a terminal gives a foreground job; Ctrl-C signals the group.
    npm = spawn(
      "npm",
      ["run", "lab", "--", "--no-browser", `--port=${port}`, `--ServerApp.token=${token}`],
      {
        cwd: root,
        detached: true,
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let log = "";
    npm.stdout?.on("data", (d: Buffer) => (log += d.toString()));
    npm.stderr?.on("data", (d: Buffer) => (log += d.toString()));
    const exited = once(npm, "exit");
    await until("JupyterLab did not answer", 60, async () =>
      (await fetch(`${base}/status?token=${token}`)).ok ? true : undefined,
    );
    const started = await fetch(`${base}/kernels?token=${token}`, {
      method: "POST",
      body: JSON.stringify({ name: "tslab" }),
    });
    const { id } = (await started.json()) as { id: string };
    kernelPid = await until("the tslab kernel did not start", 60, async () => {
      const ps = await $({ quiet: true, nothrow: true })`pgrep -f ${`kernel-${id}`}`;
      const pid = Number(ps.stdout.trim().split("\n")[0]);
      return pid > 0 ? pid : undefined;
    });

    process.kill(-npm.pid!, "SIGINT");
    await Promise.race([exited, sleep(30_000).then(() => assert.fail(`still running:\n${log}`))]);
    await until("the kernel outlived JupyterLab", 10, () =>
      Promise.resolve(isAlive(kernelPid!) ? undefined : true),
    );
    assert.match(log, /Shutting down 1 kernel/);
  });
});
