// The gemini-standin CLI: starts, serves the real SDK, logs without the key, stops on SIGTERM.
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { GoogleGenAI } from "@google/genai";
import { startStandin } from "@async-ts/lib";
import { waitFor } from "../lib/gemini/helpers.js";

const script = fileURLToPath(new URL("../../scripts/gemini-standin.ts", import.meta.url));

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
    const bannerDone = () => cli.output.stdout.includes("Press Ctrl-C to stop.\n");
    assert.ok(await waitFor(bannerDone, 20_000), cli.output.stderr);
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)\n/.exec(cli.output.stdout)?.[1] ?? "";
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.match(
      cli.output.stdout,
      /new GoogleGenAI\(\{ apiKey: "any", httpOptions: \{ baseUrl: "http:/,
    );
    const ai = new GoogleGenAI({ apiKey: "sk-secret-456", httpOptions: { baseUrl: url } });
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
    assert.ok(!`${cli.output.stdout}${cli.output.stderr}`.includes("sk-secret-456"));
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
});
