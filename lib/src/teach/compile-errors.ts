import { existsSync } from "node:fs";
import * as path from "node:path";
import { printable } from "../show/printable.js";

/** One compiler diagnostic, positioned in the snippet (1-based). */
export interface CompileDiagnostic {
  line: number;
  column: number;
  /** The TypeScript error code, e.g. 1308 for "await" outside an async function. */
  code: number;
  message: string;
}

type TS = typeof import("typescript");
let loaded: TS | undefined;
// Library files (lib.es2023.d.ts, @types/node) are parsed once and shared by every call.
const libraryFiles = new Map<string, import("typescript").SourceFile | undefined>();

/**
 * Type-checks a TypeScript snippet in memory with strict settings and returns its errors, so a
 * notebook can show a compile error without failing a cell. The compiler is loaded lazily.
 *
 * The snippet is a module (top-level await allowed) with Node's types available, and by default
 * the ES2023 library only, as in tslab: no DOM types.
 *
 * @param snippet TypeScript source code.
 * @param options `print` the diagnostics with console.log (default false); `lib`, the TypeScript
 *   libraries to check against (default `["es2023"]`; add `"dom"` to see what a browser project,
 *   or a tsconfig that leaves `lib` unset, accepts).
 * @returns The diagnostics in source order, empty when the snippet compiles. As a cell's last
 *   value (or in console.log) they show as lines "line:col - TSnnnn: message", or "No errors.".
 * @throws {TypeError} When `snippet` is not a string, or `lib` not an array of library names.
 * @throws {RangeError} When `lib` names a library TypeScript does not have.
 * @example
 * ```ts
 * compileErrors("function f() { await Promise.resolve(1); }");
 * // shows "1:16 - TS1308: 'await' expressions are only allowed within async functions ..."
 * compileErrors("reportError(new Error('x'));"); // TS2304: Cannot find name 'reportError'.
 * compileErrors("reportError(new Error('x'));", { lib: ["es2023", "dom"] }); // No errors.
 * ```
 */
export function compileErrors(
  snippet: string,
  options: { print?: boolean; lib?: readonly string[] } = {},
): CompileDiagnostic[] {
  if (typeof snippet !== "string") {
    throw new TypeError(`Cannot compile: 'snippet' must be a string, got ${typeof snippet}`);
  }
  const libs: unknown = options.lib ?? ["es2023"];
  if (!Array.isArray(libs) || libs.some((l) => typeof l !== "string" || !/^[\w.]+$/.test(l))) {
    throw new TypeError(
      `Cannot compile: 'lib' must be an array of library names like "es2023", got ${String(libs)}`,
    );
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ts = (loaded ??= require("typescript") as TS);
  const fileName = path.join(process.cwd(), "__snippet__.ts");
  const compilerOptions = {
    strict: true,
    noUncheckedIndexedAccess: true,
    noImplicitReturns: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ES2022,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: (libs as string[]).map((name) => `lib.${name.toLowerCase()}.d.ts`),
    types: ["node"],
    noEmit: true,
    skipLibCheck: true,
  };
  const libDir = path.dirname(ts.getDefaultLibFilePath(compilerOptions));
  const unknown = compilerOptions.lib.find((file) => !existsSync(path.join(libDir, file)));
  if (unknown !== undefined) {
    throw new RangeError(
      `Cannot compile: no TypeScript library '${unknown}' (try "es2023", "dom")`,
    );
  }
  const host = ts.createCompilerHost(compilerOptions);
  const source = ts.createSourceFile(fileName, `${snippet}\nexport {};\n`, ts.ScriptTarget.ES2022);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, version, ...rest) => {
    if (path.resolve(name) === fileName) return source;
    if (!libraryFiles.has(name)) libraryFiles.set(name, getSourceFile(name, version, ...rest));
    return libraryFiles.get(name);
  };
  const program = ts.createProgram([fileName], compilerOptions, host);
  const found = ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file?.fileName !== undefined && path.resolve(d.file.fileName) === fileName);
  const result = found.map((d) => {
    const { line, character } = source.getLineAndCharacterOfPosition(d.start ?? 0);
    const message = ts.flattenDiagnosticMessageText(d.messageText, "\n");
    return { line: line + 1, column: character + 1, code: d.code, message };
  });
  const lines = result.map((d) => `${d.line}:${d.column} - TS${d.code}: ${d.message}`);
  const text = lines.length === 0 ? "No errors." : lines.join("\n");
  if (options.print === true) console.log(text);
  return printable(result, text);
}
