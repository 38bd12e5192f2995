import assert from "node:assert/strict";
import { inspect } from "node:util";
import { runTypeScript } from "@async-ts/lib";

describe("runTypeScript()", () => {
  it("runs its documented example: `await using` disposes at the end of the scope", async () => {
    const run = await runTypeScript(`
      await using resource = { async [Symbol.asyncDispose]() { console.log("closed"); } };
      console.log("using it");
    `);
    assert.equal(run.stdout, "using it\nclosed\n");
    assert.equal(run.exitCode, 0);
    assert.equal(inspect(run), "using it\nclosed");
  });

  it("closes an http.Server and a FileHandle with `await using` when the block throws", async () => {
    const run = await runTypeScript(`
      import { createServer, type Server } from "node:http";
      import { once } from "node:events";
      import { open, type FileHandle } from "node:fs/promises";
      let server!: Server, file!: FileHandle;
      try {
        await using s = createServer().listen(0, "127.0.0.1");
        await once(s, "listening");
        await using f = await open(process.execPath);
        [server, file] = [s, f];
        throw new Error("failed half-way");
      } catch (error) {
        console.log((error as Error).message);
      }
      console.log(server.listening, file.fd);
    `);
    assert.equal(run.stdout, "failed half-way\nfalse -1\n");
  });

  it("reports a crash as stderr and exit code, without the working directory's path", async () => {
    const run = await runTypeScript(`throw new Error("boom");`);
    assert.equal(run.exitCode, 1);
    assert.match(run.stderr, /Error: boom/);
    assert.ok(!run.stderr.includes(process.cwd()), run.stderr);
    assert.match(inspect(run), /exit code 1$/);
  });

  it("rejects a snippet that does not parse, naming line and column", async () => {
    await assert.rejects(runTypeScript("const x = ;"), {
      name: "SyntaxError",
      message: "Cannot run snippet: it does not compile:\n1:11 - TS1109: Expression expected.",
    });
  });

  it("kills a snippet that runs past timeoutMs", async () => {
    await assert.rejects(runTypeScript("setInterval(() => {}, 1000);", { timeoutMs: 500 }), {
      message: "Cannot run snippet: it did not finish within 500 ms (killed)",
    });
  });

  it("rejects bad arguments with a message naming them", async () => {
    // @ts-expect-error: a wrong argument, as plain JavaScript could pass it
    await assert.rejects(runTypeScript(42), {
      message: "Cannot run snippet: 'source' must be a string, got number",
    });
    await assert.rejects(runTypeScript("", { timeoutMs: 0 }), {
      message: "Cannot run snippet: 'timeoutMs' must be a number > 0, got 0",
    });
  });
});
