/**
 * Which `@google/genai` is installed: the notebooks name the SDK version they run against, read
 * from the package itself (its exports do not list package.json, so a cell cannot require it).
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";

/**
 * Reads the version of the installed `@google/genai`, as `npm ls @google/genai` shows it.
 * @returns The version, e.g. "3.6.1".
 * @throws {Error} When the package cannot be found or its package.json has no version; `cause` says why.
 * @example
 * ```ts
 * console.log(`@google/genai ${geminiSdkVersion()}`); // "@google/genai 3.6.1"
 * ```
 */
export function geminiSdkVersion(): string {
  try {
    // The CommonJS entry sits at <package>/dist/node/index.cjs or <package>/dist/index.cjs.
    let folder = dirname(require.resolve("@google/genai"));
    for (let depth = 0; depth < 4; depth++, folder = dirname(folder)) {
      const manifest = join(folder, "package.json");
      let parsed: { name?: unknown; version?: unknown };
      try {
        parsed = JSON.parse(readFileSync(manifest, "utf8")) as typeof parsed;
      } catch {
        continue;
      }
      if (parsed.name === "@google/genai" && typeof parsed.version === "string") {
        return parsed.version;
      }
    }
    throw new Error("no package.json named @google/genai above its entry point");
  } catch (error) {
    throw new Error(
      "Cannot read the @google/genai version: is it installed? Run npm install in the project",
      { cause: error },
    );
  }
}
