// The course lib's names as the notebook rules see them: what a code cell imports from the lib and
// uses, which lib exports are types only, and which names a markdown cell puts in inline code.
import { existsSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

/** The package name notebooks import the course lib by. */
export const LIB_PACKAGE = "@async-ts/lib";

/** A value imported from the lib: the name the lib exports, and the name the cell binds. */
export interface LibImport {
  name: string;
  local: string;
}

/** One code cell read for lib names: what it imports, and which lib names it uses. */
export interface LibCellNames {
  imports: LibImport[];
  /** Namespace bindings (`import * as lib`): `lib.x` is a use of `x`. */
  namespaces: string[];
  /** Identifiers the cell's code refers to, outside its import declarations. */
  identifiers: Set<string>;
  /** Members read from a plain name, as "object.member" (`lib.measure` for a namespace `lib`). */
  members: Set<string>;
}

/**
 * Reads one code cell's lib imports and the identifiers it uses, without running anything.
 * Type-only imports (`import type { X }`, `import { type X }`) are left out.
 * @param source The cell's TypeScript source.
 * @returns Its lib imports, namespace bindings, and the identifiers it uses.
 */
export function readLibNames(source: string): LibCellNames {
  const file = ts.createSourceFile("cell.ts", source, ts.ScriptTarget.ES2022, true);
  const found: LibCellNames = {
    imports: [],
    namespaces: [],
    identifiers: new Set(),
    members: new Set(),
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) {
      readImport(node, found);
      return;
    }
    if (ts.isIdentifier(node) && !isMemberName(node)) found.identifiers.add(node.text);
    if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression)) {
      found.members.add(`${node.expression.text}.${node.name.text}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

function readImport(node: ts.ImportDeclaration, found: LibCellNames): void {
  const from = node.moduleSpecifier;
  if (!ts.isStringLiteral(from) || from.text !== LIB_PACKAGE) return;
  const clause = node.importClause;
  if (!clause || clause.isTypeOnly) return;
  const bindings = clause.namedBindings;
  if (bindings && ts.isNamespaceImport(bindings)) found.namespaces.push(bindings.name.text);
  if (bindings && ts.isNamedImports(bindings)) {
    for (const spec of bindings.elements) {
      if (spec.isTypeOnly) continue;
      found.imports.push({ name: (spec.propertyName ?? spec.name).text, local: spec.name.text });
    }
  }
}

/** `x` in `a.x` or `{ x: 1 }` names a member, not a binding in scope. */
function isMemberName(node: ts.Identifier): boolean {
  const parent = node.parent;
  return (
    (ts.isPropertyAccessExpression(parent) && parent.name === node) ||
    (ts.isPropertyAssignment(parent) && parent.name === node) ||
    (ts.isQualifiedName(parent) && parent.right === node)
  );
}

const typeOnlyCache = new Map<string, Set<string>>();

/**
 * The lib's exports that are types only (interfaces, type aliases), read from its declarations
 * with the TypeScript API; files outside the lib are not loaded, which keeps this under a second.
 * @param entry The lib's declarations entry (lib/dist/index.d.ts).
 * @returns The names a notebook may import without naming them in prose.
 * @throws {Error} When `entry` does not exist (the lib was not built).
 */
export function typeOnlyExports(entry: string): Set<string> {
  const cached = typeOnlyCache.get(entry);
  if (cached) return cached;
  if (!existsSync(entry)) {
    throw new Error(`${entry} is missing: run \`npm run build\` to build the course lib first.`);
  }
  const options: ts.CompilerOptions = {
    noEmit: true,
    noLib: true,
    types: [],
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
  };
  const host = ts.createCompilerHost(options);
  const dir = path.dirname(path.resolve(entry)) + path.sep;
  const exists = host.fileExists.bind(host);
  host.fileExists = (file) => path.resolve(file).startsWith(dir) && exists(file);
  const program = ts.createProgram({ rootNames: [entry], options, host });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(entry);
  const module = source && checker.getSymbolAtLocation(source);
  const names = new Set<string>();
  for (const symbol of module ? checker.getExportsOfModule(module) : []) {
    const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
    if (!(target.flags & ts.SymbolFlags.Value)) names.add(symbol.name);
  }
  typeOnlyCache.set(entry, names);
  return names;
}

/**
 * The words inside a markdown cell's inline-code spans (`measure(fn)` gives `measure` and `fn`);
 * fenced code blocks are not prose and are left out.
 */
export function inlineCodeWords(markdown: string): Set<string> {
  const prose = markdown.replace(/^ {0,3}(`{3,}|~{3,})[^\n]*\n[\s\S]*?^ {0,3}\1[^\n]*$/gm, "");
  const words = new Set<string>();
  for (const span of prose.matchAll(/(`+)(?!`)([\s\S]*?[^`])\1(?!`)/g)) {
    for (const word of (span[2] ?? "").matchAll(/[A-Za-z_$][\w$]*/g)) words.add(word[0]);
  }
  return words;
}
