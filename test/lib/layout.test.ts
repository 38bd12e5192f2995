// The house rules of lib/src and the source tree: imports only point one way (no circle between
// files or folders; measure/ and show/ never import the loop tracer in trace/), and no source file
// is over 300 lines. Reads import lines with a regex: no parser, no dependency.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..", "..");
const src = path.join(root, "lib", "src");
const MAX_LINES = 300;
const SOURCE = /\.(ts|js|mjs|cjs|py)$/;
/** `import … from "x"`, `export … from "x"` (over several lines too) and `import "x"`. */
const IMPORT = /^\s*(?:(?:import|export)\b[^;]*?\bfrom\s*|import\s*)["']([^"']+)["']/gm;

/** Files under `dir` (relative to the repo root) whose names match `pattern`, skipping dot folders
 * (test/.tmp-*) and the folders in `skip`. */
function filesUnder(dir: string, pattern: RegExp, skip: string[] = []): string[] {
  const found: string[] = [];
  const walk = (at: string): void => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const full = path.join(at, entry.name);
      if (entry.isDirectory()) {
        const skipped = skip.includes(path.relative(root, full)) || entry.name.startsWith(".");
        if (!skipped && entry.name !== "node_modules") walk(full);
      } else if (pattern.test(entry.name)) found.push(full);
    }
  };
  walk(path.join(root, dir));
  return found.sort();
}

/** Each lib/src module (path relative to lib/src, e.g. "async/pool.ts") and the modules it
 * imports from lib/src (relative imports only; "./x.js" names the source "./x.ts"). */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of filesUnder("lib/src", /\.ts$/)) {
    const targets = [...readFileSync(file, "utf8").matchAll(IMPORT)]
      .map((m) => m[1] ?? "")
      .filter((spec) => spec.startsWith("."))
      .map((spec) => path.resolve(path.dirname(file), spec).replace(/\.js$/, ".ts"))
      .map((target) => path.relative(src, target));
    graph.set(path.relative(src, file), targets);
  }
  return graph;
}

/** The first circle found in `graph`, as the path around it ("a -> b -> a"), or undefined. */
function findCircle(graph: Map<string, string[]>): string | undefined {
  const state = new Map<string, "open" | "done">();
  const trail: string[] = [];
  const visit = (node: string): string | undefined => {
    if (state.get(node) === "done") return undefined;
    if (state.get(node) === "open") return [...trail.slice(trail.indexOf(node)), node].join(" -> ");
    state.set(node, "open");
    trail.push(node);
    for (const next of graph.get(node) ?? []) {
      const circle = visit(next);
      if (circle !== undefined) return circle;
    }
    trail.pop();
    state.set(node, "done");
    return undefined;
  };
  for (const node of graph.keys()) {
    const circle = visit(node);
    if (circle !== undefined) return circle;
  }
  return undefined;
}

/** The folder a lib/src module lives in: "async/pool.ts" -> "async". */
const folderOf = (module: string): string => module.split(path.sep)[0] ?? "";

/** The imports between folders of lib/src (the root index.ts, which re-exports them all, aside). */
function folderGraph(graph: Map<string, string[]>): Map<string, string[]> {
  const folders = new Map<string, string[]>();
  for (const [from, targets] of graph) {
    if (!from.includes(path.sep)) continue;
    const edges = folders.get(folderOf(from)) ?? [];
    for (const target of targets) {
      if (folderOf(target) !== folderOf(from) && !edges.includes(folderOf(target))) {
        edges.push(folderOf(target));
      }
    }
    folders.set(folderOf(from), edges);
  }
  return folders;
}

describe("layout of lib/src and the source tree", () => {
  const graph = importGraph();

  it("reads the imports it checks (the regex still matches this code base)", () => {
    assert.ok(graph.size > 50, `only ${graph.size} modules found in lib/src`);
    const loopTrace = graph.get(path.join("trace", "loop-trace.ts")) ?? [];
    assert.ok(loopTrace.includes(path.join("show", "picture.ts")), loopTrace.join(", "));
    assert.ok(graph.get("index.ts")?.includes(path.join("trace", "index.ts")));
    assert.equal(
      findCircle(
        new Map([
          ["a", ["b"]],
          ["b", ["c"]],
          ["c", ["a"]],
        ]),
      ),
      "a -> b -> c -> a",
    );
    assert.equal(
      findCircle(
        new Map([
          ["a", ["b"]],
          ["b", []],
        ]),
      ),
      undefined,
    );
  });

  it("has no import circle between modules of lib/src", () => {
    const circle = findCircle(graph);
    assert.equal(circle, undefined, `import circle: ${circle}`);
  });

  it("has no import circle between folders of lib/src (imports only point down)", () => {
    const circle = findCircle(folderGraph(graph));
    assert.equal(circle, undefined, `import circle between folders: ${circle}`);
  });

  it("never imports the loop tracer (trace/) from measure/ or show/", () => {
    const upward = [...graph]
      .filter(([from]) => ["measure", "show"].includes(folderOf(from)))
      .flatMap(([from, targets]) => targets.map((target) => `${from} imports ${target}`))
      .filter((line) => line.split(" imports ")[1]?.startsWith(`trace${path.sep}`));
    assert.deepEqual(upward, []);
  });

  it(`keeps every source file in lib/src, scripts and test within ${MAX_LINES} lines`, () => {
    const files = ["lib/src", "scripts", "test"].flatMap((dir) =>
      filesUnder(dir, SOURCE, [path.join("test", "fixtures")]),
    );
    assert.ok(files.length > 100, `only ${files.length} source files found`);
    const tooLong = files
      .map((file) => ({ file, lines: readFileSync(file, "utf8").split("\n").length - 1 }))
      .filter(({ lines }) => lines > MAX_LINES)
      .map(({ file, lines }) => `${path.relative(root, file)}: ${lines} lines`);
    assert.deepEqual(tooLong, []);
  });
});
