// Remove machine paths and secrets from a notebook's outputs before anyone saves or shares it.
import os from "node:os";
import { realpathSync } from "node:fs";
import { root } from "./jupyter-env.ts";
import type { Notebook } from "./notebook-checks.ts";

/** Environment variables whose values must never reach a saved output. */
const SECRET_VARS = ["GEMINI_API_KEY", "GOOGLE_API_KEY"];

/**
 * Replaces what is private to this machine in every output string: the checkout's path becomes
 * `<course>`, the home folder `~`, and API keys `<redacted>`.
 * @returns A copy of the notebook; the argument is left as it was.
 */
export function scrubOutputs(nb: Notebook, env: NodeJS.ProcessEnv = process.env): Notebook {
  const replacements: [string, string][] = [
    ...SECRET_VARS.map((name) => env[name] ?? "")
      .filter((value) => value.length >= 8)
      .map((value) => [value, "<redacted>"] as [string, string]),
    ...[...new Set([root, realpathSync(root)])].map((p) => [p, "<course>"] as [string, string]),
    [os.homedir(), "~"],
  ];
  const scrub = (value: unknown): unknown => {
    if (typeof value === "string") {
      return replacements.reduce(
        (s, [from, to]) => (from.length > 1 ? s.split(from).join(to) : s),
        value,
      );
    }
    if (Array.isArray(value)) return value.map(scrub);
    if (value && typeof value === "object") {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrub(v)]));
    }
    return value;
  };
  const copy = structuredClone(nb);
  for (const cell of copy.cells) {
    if (cell.outputs) cell.outputs = scrub(cell.outputs) as typeof cell.outputs;
  }
  return copy;
}
