import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";
import type { Linter } from "eslint";
import { printable } from "../show/printable.js";

/** One ESLint finding in the snippet (1-based positions). */
export interface LintFinding {
  line: number;
  column: number;
  /** The rule that fired, e.g. "@typescript-eslint/no-floating-promises" (null for a parse error). */
  rule: string | null;
  message: string;
}

/** Options for {@link lintSnippet}. */
export interface LintSnippetOptions {
  /**
   * The rules to run, as in an ESLint config. Default: typescript-eslint's
   * `no-floating-promises`, `no-misused-promises` and `await-thenable`.
   */
  rules?: Linter.RulesRecord;
  /** Print the findings with console.log (default false). */
  print?: boolean;
}

/** The promise rules the course teaches, all as errors. */
export const PROMISE_RULES: Linter.RulesRecord = {
  "@typescript-eslint/no-floating-promises": "error",
  "@typescript-eslint/no-misused-promises": "error",
  "@typescript-eslint/await-thenable": "error",
};

/**
 * Lints a TypeScript snippet with ESLint and typescript-eslint's type-checked rules, so a notebook
 * can show what a linter says about a bug without a project of its own.
 *
 * Type-aware rules need a real program, so the snippet is written to a fresh temporary folder with
 * its own strict tsconfig.json (Node's types available, top-level await allowed), linted with
 * ESLint's Node API, and the folder is removed again. ESLint is loaded lazily.
 *
 * @param snippet TypeScript source code (a module).
 * @param options `rules` to run (default {@link PROMISE_RULES}) and `print` (default false).
 * @returns The findings in source order, empty when the snippet is clean. As a cell's last value
 *   (or in console.log) they show as lines "line:col rule message", or "No problems.".
 * @throws {TypeError} (as a rejection) When `snippet` is not a string or `rules` not an object.
 * @example
 * ```ts
 * await lintSnippet("async function save() {}\nsave();");
 * // shows "2:1 @typescript-eslint/no-floating-promises Promises must be awaited, ..."
 * ```
 */
export async function lintSnippet(
  snippet: string,
  options: LintSnippetOptions = {},
): Promise<LintFinding[]> {
  if (typeof snippet !== "string") {
    throw new TypeError(`Cannot lint: 'snippet' must be a string, got ${typeof snippet}`);
  }
  const { rules = PROMISE_RULES, print = false } = options;
  if (typeof rules !== "object" || rules === null || Array.isArray(rules)) {
    throw new TypeError(`Cannot lint: 'rules' must be an object of rule settings`);
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { ESLint } = require("eslint") as typeof import("eslint");
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const tseslint = require("typescript-eslint") as typeof import("typescript-eslint");
  // Node's types live next to this package, not in the temporary folder.
  const typeRoots = [path.dirname(path.dirname(require.resolve("@types/node/package.json")))];
  const dir = await mkdtemp(path.join(tmpdir(), "lint-snippet-"));
  try {
    const tsconfig = {
      compilerOptions: {
        strict: true,
        target: "ES2022",
        module: "ES2022",
        moduleResolution: "Bundler",
        lib: ["ES2023"],
        types: ["node"],
        typeRoots,
        noEmit: true,
        skipLibCheck: true,
      },
      files: ["snippet.ts"],
    };
    await writeFile(path.join(dir, "tsconfig.json"), JSON.stringify(tsconfig));
    await writeFile(path.join(dir, "snippet.ts"), `${snippet}\nexport {};\n`);
    const eslint = new ESLint({
      cwd: dir,
      overrideConfigFile: true,
      overrideConfig: [
        {
          files: ["**/*.ts"],
          languageOptions: {
            parser: tseslint.parser,
            parserOptions: { project: "./tsconfig.json", tsconfigRootDir: dir },
          },
          plugins: { "@typescript-eslint": tseslint.plugin },
          rules,
        },
      ],
    });
    const [report] = await eslint.lintFiles(["snippet.ts"]);
    const found: LintFinding[] = (report?.messages ?? []).map((m) => ({
      line: m.line,
      column: m.column,
      rule: m.ruleId,
      message: m.message,
    }));
    const text =
      found.length === 0
        ? "No problems."
        : found.map((f) => `${f.line}:${f.column} ${f.rule ?? "(parse)"} ${f.message}`).join("\n");
    if (print) console.log(text);
    return printable(found, text);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
