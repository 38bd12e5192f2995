import assert from "node:assert/strict";
import { inspect } from "node:util";
import { runNode } from "@async-ts/lib";

describe("runNode()", function () {
  this.timeout(60_000);

  it("runs its documented example: an unhandled rejection ends the child with code 1", async () => {
    const run = await runNode(`void Promise.reject(new Error("nobody listens"));`);
    assert.equal(run.exitCode, 1);
    assert.equal(run.errorLine, "Error: nobody listens");
    assert.match(run.firstStderrLine, /^\[eval\d*\]:1$/);
  });

  it("strips TypeScript types, allows top-level await and imports, and reports stdout", async () => {
    const run = await runNode(
      `import { sleep } from "@async-ts/lib";\n` +
        `const n: number = 2;\nawait sleep(1);\nconsole.log("two is", n as number);`,
    );
    assert.deepEqual([run.exitCode, run.stdout, run.stderr], [0, "two is 2\n", ""]);
    assert.equal(inspect(run), "exit code 0\nstdout: two is 2");
  });

  it("shortens absolute paths to their last segment", async () => {
    const run = await runNode(
      `console.log("at /home/someone/project/file.js:3 (file:///x/y/z.ts)")`,
    );
    assert.equal(run.stdout, "at file.js:3 (z.ts)\n");
  });

  it("reports a child killed at its timeout", async () => {
    const run = await runNode(`setTimeout(() => {}, 60_000);`, { timeoutMs: 300 });
    assert.deepEqual([run.exitCode, run.signal], [null, "SIGTERM"]);
  });

  it("names a bad source", async () => {
    await assert.rejects(runNode(42 as never), {
      message: "Cannot run in node: 'source' must be a string, got number",
    });
  });
});
