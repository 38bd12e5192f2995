// Build the course's static site into a temporary folder and check it in headless Chromium.
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { chromium } from "playwright-core";
import { CHROMIUM_ARGS, findChromium, PrerequisiteError } from "./browser/lab.ts";
import { testSite } from "./site/check-site.ts";

const USAGE = `Usage: npm run test:site [-- screenshot dir]

Builds the site (as \`npm run site\` does) into a temporary folder, serves it on 127.0.0.1 and checks
every page in headless Chromium: no console error, no request to another host, the stored pictures
shown, every internal link resolves, search finds notebook 03's rarest word and lands on it, and
search works from file://. Saves site-*.png screenshots (default folder: ./screenshots).
\`npm run test:browser\` runs the same checks while JupyterLab starts.`;

main().catch((error: unknown) => {
  console.error(error instanceof PrerequisiteError ? `✘ ${error.message}` : error);
  process.exit(1);
});

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes("--help") || args.includes("-h")) {
    console.log(USAGE);
    return;
  }
  if (args.length > 1 || args[0]?.startsWith("-")) {
    throw new PrerequisiteError(`Unexpected arguments: ${args.join(" ")}\n\n${USAGE}`);
  }
  const shotDir = path.resolve(args[0] ?? "screenshots");
  const chromiumPath = findChromium();
  await mkdir(shotDir, { recursive: true });
  const browser = await chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_ARGS });
  try {
    const failures = await testSite(browser, shotDir);
    process.exitCode = failures.length ? 1 : 0;
  } finally {
    await browser.close();
  }
}
