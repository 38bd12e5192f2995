// What a notebook's stored outputs ran on: Node, the Gemini SDK and tslab, recorded by --write.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { root } from "./jupyter-env.ts";

/** The versions a notebook's stored outputs came from (kept in `metadata.async_ts.ran_on`). */
export interface RanOn {
  node: string;
  "@google/genai": string;
  tslab: string;
}

/** Reads the versions of this checkout: the Node running the checker (the kernel's too) and packages. */
export async function ranOn(): Promise<RanOn> {
  return {
    node: process.version,
    "@google/genai": await packageVersion("@google/genai"),
    tslab: await packageVersion("tslab"),
  };
}

/** One line for a reader: "Outputs stored on Node v26.12.1 with @google/genai 3.6.1 and tslab 1.0.22." */
export function describeRanOn(ran: RanOn): string {
  return `Outputs stored on Node ${ran.node} with @google/genai ${ran["@google/genai"]} and tslab ${ran.tslab}.`;
}

/** Reads `ran_on` from a notebook's metadata, or undefined when it has none or a malformed one. */
export function readRanOn(metadata: Record<string, unknown>): RanOn | undefined {
  const ran = (metadata.async_ts as { ran_on?: Partial<RanOn> } | undefined)?.ran_on;
  const complete =
    ran && [ran.node, ran["@google/genai"], ran.tslab].every((v) => typeof v === "string");
  return complete ? (ran as RanOn) : undefined;
}

async function packageVersion(name: string): Promise<string> {
  const file = path.join(root, "node_modules", name, "package.json");
  const pkg = JSON.parse(await readFile(file, "utf8")) as { version: string };
  return pkg.version;
}
