// Build the course's static site (site/) from the notebooks as stored, without running a kernel.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { buildSite } from "./site/build.ts";

const USAGE = `Usage: npm run site [-- --out DIR]

Writes a static site of the notebooks as stored (outputs included, no kernel) into site/ (or DIR):
index.html with the course map, one page per notebooks/NN-topic.ipynb, search.html, the notebooks
for download, and assets/. Serve the folder with any static server, or open index.html directly.`;

const root = path.resolve(import.meta.dirname, "..");

main().catch((error: unknown) => {
  console.error(`✘ ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

async function main(): Promise<void> {
  const outDir = readOutDir(process.argv.slice(2));
  const started = performance.now();
  const description = await readDescription();
  const build = await buildSite(path.join(root, "notebooks"), outDir, description);
  for (const warning of build.warnings) console.warn(`! ${warning}`);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const where = path.relative(process.cwd(), outDir) || ".";
  console.log(
    `✔ site: ${build.pages.length} notebook pages, index and search ` +
      `(${build.documents.length} sections indexed) in ${where}/ in ${seconds} s`,
  );
}

function readOutDir(args: string[]): string {
  if (args.includes("--help") || args.includes("-h")) {
    console.log(USAGE);
    process.exit(0);
  }
  const at = args.indexOf("--out");
  const unknown = args.filter((a, i) => a !== "--out" && i !== at + 1);
  if (unknown.length || (at !== -1 && !args[at + 1])) {
    console.error(`✘ Unknown or incomplete arguments: ${args.join(" ")}\n\n${USAGE}`);
    process.exit(2);
  }
  return path.resolve(at === -1 ? path.join(root, "site") : args[at + 1]!);
}

/** The course's one-line description, from package.json. */
async function readDescription(): Promise<string> {
  const pkg = JSON.parse(await readFile(path.join(root, "package.json"), "utf8")) as {
    description?: string;
  };
  return pkg.description ?? "";
}
