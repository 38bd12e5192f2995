import assert from "node:assert/strict";
import { chmod, cp, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { $ } from "zx";

const root = path.resolve(import.meta.dirname, "..", "..");

// A checkout without .venv, on a machine whose Python lacks the venv module (Debian without
// python3-venv): setup, lab and check-notebooks must each end with the same clear instruction.
describe("first run without Python's venv module", function () {
  let checkout: string;
  let fakePython: string;

  before(async () => {
    checkout = await mkdtemp(path.join(os.tmpdir(), "first-run-"));
    await cp(path.join(root, "scripts"), path.join(checkout, "scripts"), { recursive: true });
    await cp(path.join(root, "package.json"), path.join(checkout, "package.json"));
    await symlink(path.join(root, "node_modules"), path.join(checkout, "node_modules"));
    fakePython = path.join(checkout, "python-without-venv");
    await writeFile(
      fakePython,
      [
        "#!/bin/sh",
        'case "$*" in *ensurepip*) echo "ModuleNotFoundError: No module named \'ensurepip\'" >&2; exit 1;; esac',
        'exec python3 "$@"',
        "",
      ].join("\n"),
    );
    await chmod(fakePython, 0o755);
  });

  after(async () => {
    await rm(checkout, { recursive: true, force: true });
  });

  function run(script: string, args: string[]) {
    const env: NodeJS.ProcessEnv = { ...process.env, PYTHON: fakePython };
    delete env.ASYNC_TS_PYTHON;
    delete env.ASYNC_TS_SKIP_SETUP;
    return $({ cwd: checkout, env, nothrow: true, quiet: true })`npx tsx ${script} ${args}`;
  }

  const instruction = /no working venv module[\s\S]*apt-get install python3-venv/;

  it("setup names the missing venv module and how to install it, creating nothing", async () => {
    const out = await run("scripts/setup.ts", []);
    assert.equal(out.exitCode, 1);
    assert.match(out.stderr, instruction);
    assert.equal(existsSync(path.join(checkout, ".venv")), false);
  });

  it("setup during npm install says what is left but lets the install finish", async () => {
    const out = await run("scripts/setup.ts", ["--during-install"]);
    assert.equal(out.exitCode, 0);
    assert.match(out.stderr, instruction);
    assert.match(out.stderr, /npm install finished without the Jupyter environment/);
  });

  it("check-notebooks tries to repair .venv, then stops with the same instruction", async () => {
    const out = await run("scripts/check-notebooks.ts", ["notebooks"]);
    assert.equal(out.exitCode, 2);
    assert.match(out.stderr, /\.venv\) does not exist: running setup to repair it/);
    assert.match(out.stderr, instruction);
    assert.equal(out.stdout.trim(), "");
  });

  it("lab tries to repair .venv, then stops with the same instruction", async () => {
    const out = await run("scripts/lab.ts", ["--no-browser"]);
    assert.equal(out.exitCode, 1);
    assert.match(out.stderr, instruction);
    assert.match(out.stderr.trim().split("\n").at(-1) ?? "", /Setup could not repair/);
  });
});
