import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  checkCode,
  deadlineTests,
  runPythonFile,
  sixWaitsTests,
  withResourceTests,
  type SixWaits,
  type WithDeadline,
} from "@async-ts/lib";
import { quietly } from "../helpers.js";

describe("sixWaitsTests()", () => {
  it("runs its documented example: two jobs of three waits pass every test", async () => {
    const sixWaits: SixWaits = (pool, ms) =>
      Promise.all([1, 2].map(() => pool.run({ kind: "io", ops: 3, ms })));
    const result = await quietly(() => checkCode("sixWaits()", sixWaitsTests(sixWaits)));
    assert.equal(result.state, "right", result.lines.join("\n"));
  });

  it("fails six one-wait jobs: two workers take three rounds", async () => {
    const oneEach: SixWaits = (pool, ms) =>
      Promise.all(Array.from({ length: 6 }, () => pool.run({ kind: "io", ops: 1, ms })));
    const result = await quietly(() => checkCode("sixWaits()", sixWaitsTests(oneEach)));
    assert.equal(result.state, "wrong");
    assert.match(result.lines.join("\n"), /✘ finishes in about one wait.*one task at a time/);
  });

  it("reports the stub as not answered", async () => {
    const stub: SixWaits = () => {
      throw new Error("TODO: six waits");
    };
    const result = await quietly(() => checkCode("sixWaits()", sixWaitsTests(stub)));
    assert.equal(result.state, "unanswered");
  });
});

describe("withResourceTests()", () => {
  it("runs its documented example: try/finally around 'return await' passes every test", async () => {
    async function withResource<R, T>(
      open: () => Promise<R>,
      close: (r: R) => Promise<void>,
      use: (r: R) => T | Promise<T>,
    ): Promise<T> {
      const resource = await open();
      try {
        return await use(resource);
      } finally {
        await close(resource);
      }
    }
    const result = await quietly(() =>
      checkCode("withResource()", withResourceTests(withResource)),
    );
    assert.equal(result.state, "right", result.lines.join("\n"));
  });

  it("fails a bare 'return use(resource)': it closes before use has finished", async () => {
    async function early<R, T>(
      open: () => Promise<R>,
      close: (r: R) => Promise<void>,
      use: (r: R) => T | Promise<T>,
    ): Promise<T> {
      const resource = await open();
      try {
        return use(resource);
      } finally {
        await close(resource);
      }
    }
    const result = await quietly(() => checkCode("withResource()", withResourceTests(early)));
    assert.equal(result.state, "wrong");
    assert.match(result.lines.join("\n"), /✘ closes after use has finished/);
  });
});

describe("deadlineTests()", () => {
  const solution: WithDeadline = (op, ms) => {
    const controller = new AbortController();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        const error = new DOMException(`timed out after ${ms} ms`, "TimeoutError");
        controller.abort(error);
        reject(error);
      }, ms);
      op(controller.signal)
        .then(resolve, reject)
        .finally(() => clearTimeout(timer));
    });
  };

  it("runs its documented example: a cleared timer and an aborted signal pass every test", async () => {
    const result = await quietly(() => checkCode("withDeadline()", deadlineTests(solution)));
    assert.equal(result.state, "right", result.lines.join("\n"));
  });

  it("fails a Promise.race that never clears its timer or aborts the signal", async () => {
    const race: WithDeadline = (op, ms) =>
      Promise.race([
        op(new AbortController().signal),
        new Promise<never>((_, reject) =>
          setTimeout(() => reject(new DOMException("late", "TimeoutError")), ms),
        ),
      ]);
    const result = await quietly(() => checkCode("withDeadline()", deadlineTests(race)));
    const lines = result.lines.join("\n");
    assert.equal(result.state, "wrong");
    assert.match(lines, /✘ leaves no timer running.*1 timer\(s\)/);
    assert.match(lines, /✘ aborts the signal/);
    await new Promise((resolve) => setTimeout(resolve, 1100)); // the race's 1 s timers end
  });
});

describe("runPythonFile()", () => {
  let folder = "";
  before(async () => (folder = await mkdtemp(path.join(tmpdir(), "run-python-"))));
  after(() => rm(folder, { recursive: true, force: true }));

  it("parses the program's last line as JSON and passes its arguments", async () => {
    const script = path.join(folder, "echo.py");
    await writeFile(
      script,
      "import json, sys\nprint('warming up')\nprint(json.dumps(sys.argv[1:]))\n",
    );
    assert.deepEqual(await runPythonFile(script, ["a", "2"]), ["a", "2"]);
  });

  it("rejects naming the command when it is missing, and the error line when the program fails", async () => {
    await assert.rejects(runPythonFile("x.py", [], { command: "no-such-python" }), {
      message: /^could not run no-such-python: .*ENOENT/,
    });
    const failing = path.join(folder, "fail.py");
    await writeFile(failing, "raise ValueError('bad input')\n");
    await assert.rejects(runPythonFile(failing), {
      message: "could not run python3: ValueError: bad input",
    });
  });

  it("rejects an empty script path", async () => {
    await assert.rejects(runPythonFile(""), {
      name: "TypeError",
      message: /'script' must be a non-empty path/,
    });
  });
});
