// The gemini-standin CLI: starts, serves the real SDK, logs without the key, stops on SIGTERM.
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { GoogleGenAI } from "@google/genai";
import { startStandin } from "@async-ts/lib";
import { waitFor } from "../lib/gemini/helpers.js";
import { isAlive } from "../lib/helpers.js";

const script = fileURLToPath(new URL("../../scripts/gemini-standin.ts", import.meta.url));
const root = fileURLToPath(new URL("../..", import.meta.url));

/** Whether nothing listens on a port of 127.0.0.1 any more (so a new server could take it). */
function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
  });
}

function spawnCli(args: string[]): {
  child: ChildProcess;
  output: { stdout: string; stderr: string };
} {
  const child = spawn(process.execPath, ["--import", "tsx", script, ...args], {
    env: { ...process.env, ASYNC_TS_TIME_SCALE: "1" },
  });
  const output = { stdout: "", stderr: "" };
  child.stdout.on("data", (chunk: Buffer) => (output.stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output.stderr += chunk.toString()));
  return { child, output };
}

describe("gemini-standin CLI", () => {
  let child: ChildProcess | undefined;
  afterEach(() => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  });

  it("serves the SDK, logs each request without the key, and exits cleanly on SIGTERM", async () => {
    const cli = spawnCli(["--port", "0", "--latency-ms", "20"]);
    child = cli.child;
    // The banner arrives in chunks: wait for its last line, so the URL and the SDK hint before it
    // are complete (matching "listening on" alone can cut the port short or miss the next line).
    const bannerDone = () => /Press Ctrl-C to stop \(or kill \d+\)\.\n/.test(cli.output.stdout);
    assert.ok(await waitFor(bannerDone, 20_000), cli.output.stderr);
    const url =
      /listening on (http:\/\/127\.0\.0\.1:\d+) \(pid \d+\)\n/.exec(cli.output.stdout)?.[1] ?? "";
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.match(
      cli.output.stdout,
      /new GoogleGenAI\(\{ apiKey: "offline-stand-in", httpOptions: \{ baseUrl: "http:/,
    );
    const secret = "AQ.testOnly_cli_secret_0123456789";
    const ai = new GoogleGenAI({ apiKey: secret, httpOptions: { baseUrl: url } });
    const response = await ai.models.generateContent({
      model: "gemini-flash-lite-latest",
      contents: "Hi",
    });
    assert.ok(response.text);
    const logged = /POST generateContent gemini-flash-lite-latest 200 \d+ ms/;
    assert.ok(await waitFor(() => logged.test(cli.output.stdout)), cli.output.stdout);
    const exited = once(child, "exit");
    child.kill("SIGTERM");
    const [code] = (await exited) as [number | null];
    assert.equal(code, 0);
    assert.match(cli.output.stdout, /Stopped on SIGTERM\./);
    assert.ok(!`${cli.output.stdout}${cli.output.stderr}`.includes(secret));
  });

  it("names a port in use and what to do, exiting non-zero", async () => {
    const standin = await startStandin();
    try {
      const cli = spawnCli(["--port", String(standin.port)]);
      child = cli.child;
      const [code] = (await once(child, "exit")) as [number | null];
      assert.equal(code, 1);
      assert.match(
        cli.output.stderr,
        new RegExp(
          `port ${standin.port} on 127.0.0.1 is already in use; stop what holds it or pick another port`,
        ),
      );
    } finally {
      await standin.close();
    }
  });

  it("rejects bad flags with a clear message and the usage", async () => {
    const cli = spawnCli(["--fail-rate", "2"]);
    child = cli.child;
    const [code] = (await once(child, "exit")) as [number | null];
    assert.equal(code, 2);
    assert.match(cli.output.stderr, /'failRate' \(--fail-rate\) must be between 0 and 1, got 2/);
    const unknown = spawnCli(["--latency", "5"]);
    child = unknown.child;
    const [unknownCode] = (await once(child, "exit")) as [number | null];
    assert.equal(unknownCode, 2);
    assert.match(
      unknown.output.stderr,
      /Unknown option '--latency'[\s\S]*Usage: npm run gemini-standin/,
    );
  });

  it("applies --capacity: past it, calls are refused with 429 or 503", async () => {
    const cli = spawnCli(["--port", "0", "--latency-ms", "300", "--capacity", "1"]);
    child = cli.child;
    assert.ok(
      await waitFor(() => /\(pid \d+\)\n/.test(cli.output.stdout), 20_000),
      cli.output.stderr,
    );
    const url = /listening on (\S+) /.exec(cli.output.stdout)?.[1] ?? "";
    const ai = new GoogleGenAI({ apiKey: "offline-stand-in", httpOptions: { baseUrl: url } });
    const model = "gemini-flash-lite-latest";
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, () => ai.models.generateContent({ model, contents: "Hi" })),
    );
    assert.ok(results.some((result) => result.status === "rejected"));
    assert.ok(await waitFor(() => / (429|503) \d+ ms/.test(cli.output.stdout)), cli.output.stdout);
  });

  for (const signal of ["SIGKILL", "SIGTERM"] as const) {
    it(`exits, freeing its port, when the npm process that started it is killed (${signal})`, async () => {
      // What `npm run gemini-standin &` does: npm -> sh -> tsx -> node. Killing npm alone used to
      // leave sh, tsx and the server running, holding the port.
      const npm = spawn("npm", ["run", "--silent", "gemini-standin", "--", "--port", "0"], {
        cwd: root,
        env: { ...process.env, ASYNC_TS_TIME_SCALE: "1" },
      });
      child = npm;
      let stdout = "";
      npm.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
      const banner = /listening on http:\/\/127\.0\.0\.1:(\d+) \(pid (\d+)\)\n/;
      assert.ok(await waitFor(() => banner.test(stdout), 30_000), stdout);
      const [, port = "0", pid = "0"] = banner.exec(stdout) ?? [];
      try {
        assert.equal(await isPortFree(Number(port)), false, "the stand-in holds its port");
        npm.kill(signal);
        assert.ok(await waitFor(() => !isAlive(Number(pid)), 5000), `pid ${pid} still runs`);
        assert.ok(await isPortFree(Number(port)), `port ${port} is still taken`);
      } finally {
        if (isAlive(Number(pid))) process.kill(Number(pid), "SIGKILL");
      }
    });
  }
});
