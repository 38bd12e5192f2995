// Open the course in JupyterLab, from the course's Jupyter environment, rooted at notebooks/.
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";
import { ensureJupyter, jupyterPython, root, SetupError } from "./jupyter-env.ts";
import { whenParentGone } from "./parent-watch.ts";

main().catch((error: unknown) => {
  console.error(error instanceof SetupError ? `✘ ${error.message}` : error);
  process.exit(1);
});

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const port = requestedPort(args);
  if (port !== undefined && !(await isPortFree(port))) {
    throw new SetupError(
      `Port ${port} is already in use (another Jupyter?): pick another, e.g. \`npm run lab -- --port=${port + 1}\`, or stop what holds it.`,
    );
  }
  await ensureJupyter(["jupyterlab"]);
  const jupyterArgs = [
    "-m",
    "jupyter",
    "lab",
    `--notebook-dir=${path.join(root, "notebooks")}`,
    "--MappingKernelManager.default_kernel_name=tslab",
    // An explicit port means that port: never drift silently to the next free one.
    ...(port !== undefined ? ["--ServerApp.port_retries=0"] : []),
    ...(process.getuid?.() === 0 ? ["--allow-root"] : []),
    ...args,
  ];
  console.log("Starting JupyterLab (Ctrl-C to stop); open the URL with the token printed below.");
  // Jupyter gets its own process group, so a Ctrl-C in the terminal reaches only this script; it
  // then asks Jupyter once, with SIGTERM, to shut down its kernels and stop. Left in our group, Jupyter
  // also got the terminal's SIGINT plus the forwarded one: "twice to skip confirmation", and it quit
  // without shutting its kernels down (each kernel runs in a session of its own and was left behind).
  const child = spawn(jupyterPython(), jupyterArgs, {
    stdio: "inherit",
    cwd: root,
    detached: true,
  });
  let stopping = false;
  const stop = (why: string) => {
    if (stopping) return; // a second Ctrl-C must not cut the kernels' shutdown short
    stopping = true;
    console.error(`Stopping JupyterLab and its kernels (${why}) ...`);
    child.kill("SIGTERM");
  };
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const)
    process.on(signal, () => stop(signal));
  // Killing the npm process leaves tsx and this script running: stop Jupyter (and its kernels) then.
  void whenParentGone("lab").then((why) => stop(why));
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
}

/** The port in `--port=N` or `--port N`, if the reader gave one. */
function requestedPort(args: string[]): number | undefined {
  const index = args.findIndex((a) => a === "--port" || a.startsWith("--port="));
  if (index < 0) return undefined;
  const raw = args[index]?.includes("=") ? args[index]?.split("=")[1] : args[index + 1];
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new SetupError(`--port must be a whole number from 1 to 65535, got '${raw}'.`);
  }
  return port;
}

function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
  });
}
