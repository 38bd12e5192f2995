import assert from "node:assert/strict";
import { inspect } from "node:util";
import { compileErrors } from "@async-ts/lib";

describe("compileErrors()", () => {
  it("runs its documented example: await in a non-async function is TS1308", () => {
    const [first, ...rest] = compileErrors("function f() { await Promise.resolve(1); }", {
      print: false,
    });
    assert.equal(rest.length, 0);
    assert.deepEqual(
      { line: first?.line, column: first?.column, code: first?.code },
      { line: 1, column: 16, code: 1308 },
    );
    assert.match(
      first?.message ?? "",
      /'await' expressions are only allowed within async functions/,
    );
  });

  it("uses strict settings and knows Node's types", () => {
    const found = compileErrors(
      [
        "const n: number = 'a';",
        "function g(x) { return x; }",
        "const p: Promise<void> = new Promise((r) => setTimeout(r, 1));",
      ].join("\n"),
      { print: false },
    );
    assert.deepEqual(
      found.map((d) => `${d.line}:${d.code}`),
      ["1:2322", "2:7006"],
    );
  });

  it("returns nothing for a valid snippet with top-level await, shown as 'No errors.'", () => {
    const found = compileErrors("const x = await Promise.resolve(1);\nconsole.log(x + 1);");
    assert.deepEqual(found, []);
    assert.equal(inspect(found), "No errors.");
  });

  it("shows as 'line:col - TSnnnn: message' lines, and prints them on request", () => {
    const expected = "1:5 - TS2322: Type 'number' is not assignable to type 'string'.";
    const lines: string[] = [];
    const log = console.log;
    console.log = (text: string) => lines.push(text);
    try {
      assert.equal(inspect(compileErrors("let a: string = 1;", { print: true })), expected);
    } finally {
      console.log = log;
    }
    assert.deepEqual(lines, [expected]);
  });

  it("names a bad argument", () => {
    // @ts-expect-error: a wrong argument, as plain JavaScript could pass it
    assert.throws(() => compileErrors(42), {
      message: "Cannot compile: 'snippet' must be a string, got number",
    });
  });
});

describe("compileErrors() with 'lib'", () => {
  it("runs its documented example: reportError is DOM-only", () => {
    const snippet = "reportError(new Error('x'));";
    assert.deepEqual(
      compileErrors(snippet).map((d) => `${d.code}: ${d.message}`),
      ["2304: Cannot find name 'reportError'."],
    );
    assert.deepEqual(compileErrors(snippet, { lib: ["es2023", "dom"] }), []);
  });

  it("names a library TypeScript does not have", () => {
    assert.throws(() => compileErrors("1", { lib: ["es2099"] }), {
      name: "RangeError",
      message: /no TypeScript library 'lib\.es2099\.d\.ts'/,
    });
    assert.throws(() => compileErrors("1", { lib: "dom" as never }), { message: /'lib' must be/ });
  });
});
