// Internal (not re-exported): strips the types from a snippet so plain `node` can run it.

type TS = typeof import("typescript");
let loaded: TS | undefined;

/**
 * Turns a TypeScript (or JavaScript) snippet into an ES2022 module: types are stripped, not checked.
 * @param source The snippet.
 * @returns The JavaScript, and the syntax errors as "line:col - TSnnnn: message" lines.
 */
export function transpileSnippet(source: string): { javascript: string; syntaxErrors: string[] } {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ts = (loaded ??= require("typescript") as TS);
  const output = ts.transpileModule(source, {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ES2022 },
    fileName: "snippet.ts",
    reportDiagnostics: true,
  });
  const syntaxErrors = (output.diagnostics ?? []).map((d) => {
    const at = d.file?.getLineAndCharacterOfPosition(d.start ?? 0);
    const where = at === undefined ? "" : `${at.line + 1}:${at.character + 1} - `;
    return `${where}TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
  });
  return { javascript: output.outputText, syntaxErrors };
}
