/**
 * The course's Gemini client: the real `@google/genai` SDK, aimed at the real API when a key is set
 * and at a local stand-in otherwise, so every notebook runs with or without a key.
 *
 * Written against @google/genai 3.x, which calls API version v1 by default (2.x called v1beta;
 * `httpOptions.apiVersion` or GOOGLE_GENAI_API_VERSION picks another); the stand-in answers any.
 */
// @ts-expect-error TS1479: the SDK's types resolve to its ESM build; tsc would reject even a type import.
import type { GoogleGenAI, HttpOptions } from "@google/genai";
import { explainGeminiError, type GeminiMode } from "./explain.js";
import {
  STANDIN_API_KEY,
  startStandin,
  type Standin,
  type StandinOptions,
} from "./standin/server.js";

// The SDK's types resolve to its ESM build, but its package also ships CommonJS for require().
// eslint-disable-next-line @typescript-eslint/no-require-imports
const sdk = require("@google/genai") as { GoogleGenAI: typeof GoogleGenAI };

/** The default model: the alias of the current cheapest Flash-Lite. */
export const DEFAULT_GEMINI_MODEL = "gemini-flash-lite-latest";

/** How to make the client. */
export interface GeminiClientOptions {
  /** Print the one-line description of the mode; default true. */
  log?: boolean;
  /** The model to use; default `GEMINI_MODEL`, else {@link DEFAULT_GEMINI_MODEL}. */
  model?: string;
  /** SDK HTTP options (timeout, retryOptions, headers...); offline mode sets `baseUrl` itself. */
  httpOptions?: HttpOptions;
  /** Stand-in options (latency, faults, capacity...) for offline mode; ignored in live mode. */
  standin?: StandinOptions;
}

/** A ready client; call `close()` when done. */
export interface GeminiClient {
  ai: GoogleGenAI;
  model: string;
  mode: GeminiMode;
  /** The running stand-in in offline mode (its `stats` count requests), else undefined. */
  standin: Standin | undefined;
  /** One line saying which mode is on and which model is used; never shows the key. */
  describe(): string;
  /** One line explaining a failed call; see {@link explainGeminiError}. */
  explain(error: unknown): string;
  /** Stops the stand-in, if any; safe to call twice. */
  close(): Promise<void>;
}

function readKey(): { name: string; key: string } | undefined {
  for (const name of ["GEMINI_API_KEY", "GOOGLE_API_KEY"]) {
    const key = process.env[name]?.trim();
    if (key) return { name, key };
  }
  return undefined;
}

/**
 * Creates a Gemini client: live with `GEMINI_API_KEY` (or `GOOGLE_API_KEY`) set, else offline
 * against a freshly started stand-in. `GOOGLE_GEMINI_BASE_URL` still redirects a live client.
 * @param options Logging, model, SDK HTTP options and stand-in options.
 * @returns The client; `close()` it when done.
 * @throws {TypeError} (as a rejection) When an option has the wrong type, naming it.
 * @throws {Error} (as a rejection) When the stand-in cannot start; `cause` says why.
 * @example
 * ```ts
 * const gem = await geminiClient({ log: false });
 * const response = await gem.ai.models.generateContent({ model: gem.model, contents: "Hello?" });
 * console.log(gem.describe(), response.text);
 * await gem.close();
 * ```
 */
export async function geminiClient(options: GeminiClientOptions = {}): Promise<GeminiClient> {
  const { log = true, httpOptions = {}, standin: standinOptions } = options;
  if (typeof log !== "boolean") {
    throw new TypeError(`Cannot create Gemini client: 'log' must be a boolean, got ${typeof log}`);
  }
  const model = options.model ?? (process.env.GEMINI_MODEL?.trim() || DEFAULT_GEMINI_MODEL);
  if (typeof model !== "string" || model === "") {
    throw new TypeError(
      `Cannot create Gemini client: 'model' must be a non-empty string, got ${JSON.stringify(model)}`,
    );
  }
  const found = readKey();
  let standin: Standin | undefined;
  let ai: GoogleGenAI;
  let description: string;
  if (found) {
    ai = new sdk.GoogleGenAI({ apiKey: found.key, vertexai: false, httpOptions });
    const via = process.env.GOOGLE_GEMINI_BASE_URL ? " via GOOGLE_GEMINI_BASE_URL" : "";
    description = `Gemini: live API${via} (key from ${found.name}), model ${model}`;
  } else {
    try {
      standin = await startStandin(standinOptions);
    } catch (error) {
      throw new Error(`Cannot create Gemini client: the offline stand-in did not start`, {
        cause: error,
      });
    }
    // Always pass a key: without one the SDK looks for cloud credentials and probes a metadata address.
    ai = new sdk.GoogleGenAI({
      apiKey: STANDIN_API_KEY,
      vertexai: false,
      httpOptions: { ...httpOptions, baseUrl: standin.url },
    });
    description = `Gemini: offline stand-in on 127.0.0.1 (no GEMINI_API_KEY set; canned answers), model ${model}`;
  }
  if (log) console.log(description);
  const mode: GeminiMode = found ? "live" : "offline";
  return {
    ai,
    model,
    mode,
    standin,
    describe: () => description,
    explain: (error) => explainGeminiError(error, mode),
    close: async () => {
      await standin?.close();
    },
  };
}
