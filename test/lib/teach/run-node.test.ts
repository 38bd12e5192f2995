import assert from "node:assert/strict";
import { runNode } from "@async-ts/lib";

describe("runNode()", () => {
  it("runs its documented example: an unhandled rejection ends the child with code 1", async () => {
    const run = await runNode("Promise.reject(new Error('lost'))");
    assert.equal(run.exitCode, 1);
    assert.equal(run.signal, null);
    assert.equal(run.errorLine, "Error: lost");
    assert.match(run.firstStderrLine, /^\[eval\d*\]:1$/);
  });

  it("strips TypeScript types and allows top-level await and imports", async () => {
    const run = await runNode(
      `import { sleep } from "@async-ts/lib";\n` +
        `const n: number = 2;\nawait sleep(1);\nconsole.log("two is", n as number);`,
    );
    assert.deepEqual([run.exitCode, run.stdout, run.stderr], [0, "two is 2\n", ""]);
  });

  it("shows the working directory as '.' and the home folder as '~'", async () => {
    const run = await runNode(`console.log(process.cwd(), (await import("node:os")).homedir())`);
    assert.equal(run.stdout, ". ~\n");
  });

  it("passes flags to node and hides the process id in warnings", async () => {
    const script = "Promise.reject(new Error('lost')); setTimeout(() => console.log('alive'), 20)";
    const run = await runNode(script, { flags: ["--unhandled-rejections=warn"] });
    assert.equal(run.exitCode, 0);
    assert.equal(run.stdout, "alive\n");
    assert.equal(run.errorLine, "(node:PID) UnhandledPromiseRejectionWarning: Error: lost");
    assert.doesNotMatch(run.stderr, /\(node:\d+\)/);
  });

  it("shows as exit code, stdout and the error line when printed", async () => {
    const run = await runNode("console.log('hi'); throw new TypeError('nope')");
    const { inspect } = await import("node:util");
    assert.equal(inspect(run), "exit code 1\nstdout | hi\nstderr | TypeError: nope");
  });

  it("kills a child that runs past timeoutMs", async () => {
    const run = await runNode("setInterval(() => {}, 1000)", { timeoutMs: 300 });
    assert.equal(run.exitCode, null);
    assert.equal(run.signal, "SIGKILL");
  });

  it("names a bad argument in its error", async () => {
    await assert.rejects(runNode(42 as never), {
      message: "Cannot run node: 'source' must be a string, got number",
    });
    await assert.rejects(runNode("1", { flags: "--x" as never }), { message: /'flags' must be/ });
    await assert.rejects(runNode("1", { timeoutMs: 0 }), { message: /'timeoutMs' must be/ });
  });
});
