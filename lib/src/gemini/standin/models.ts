/**
 * The models the Gemini stand-in knows: the names it serves, what each supports, and the answers of
 * models.list and models.get.
 *
 * The list copies the Gemini API's own catalogue as of 2026 (https://ai.google.dev/gemini-api/docs/models):
 * the 2.5 and 3.x text models, the `-latest` aliases and gemini-embedding-001. An alias answers with
 * the `modelVersion` it resolves to. Google renames models often: when a name here goes stale, edit
 * this table; an unknown name gets the real API's 404.
 */
import { StandinRejection } from "./faults.js";

/** How a model thinks: never, only when asked, unless told not to, or always. */
export type ThinkingMode = "never" | "optional" | "default" | "always";

/** One model of the catalogue. */
export interface StandinModel {
  /** The name without "models/", e.g. "gemini-2.5-flash". */
  name: string;
  /** What `modelVersion` says in answers: the name itself, or what an alias points at. */
  modelVersion: string;
  displayName: string;
  description: string;
  version: string;
  inputTokenLimit: number;
  outputTokenLimit: number;
  /** REST methods, as models.get lists them (supportedGenerationMethods). */
  methods: readonly string[];
  thinking: ThinkingMode;
  /** Gemini 3 takes `thinkingLevel`; 2.5 takes `thinkingBudget`. */
  thinkingControl: "level" | "budget" | "none";
}

const GENERATE = ["generateContent", "countTokens", "createCachedContent", "batchGenerateContent"];
const EMBED = ["embedContent", "countTextTokens", "countTokens", "asyncBatchEmbedContent"];

function textModel(
  name: string,
  displayName: string,
  thinking: ThinkingMode,
  control: StandinModel["thinkingControl"],
  extra: Partial<StandinModel> = {},
): StandinModel {
  return {
    name,
    modelVersion: name,
    displayName,
    description: `${displayName}, as served by the offline stand-in.`,
    version: "001",
    inputTokenLimit: 1_048_576,
    outputTokenLimit: 65_536,
    methods: GENERATE,
    thinking,
    thinkingControl: control,
    ...extra,
  };
}

const alias = (name: string, displayName: string, target: StandinModel): StandinModel => ({
  ...target,
  name,
  displayName,
  description: `Latest release of ${displayName.replace(/ Latest$/, "")}`,
});

const flashLite31 = textModel(
  "gemini-3.1-flash-lite",
  "Gemini 3.1 Flash-Lite",
  "optional",
  "level",
);
const flash3 = textModel("gemini-3-flash-preview", "Gemini 3 Flash Preview", "default", "level");
const pro31 = textModel("gemini-3.1-pro-preview", "Gemini 3.1 Pro Preview", "always", "level");

/** Every model the stand-in serves, in the order models.list returns them. */
export const STANDIN_MODELS: readonly StandinModel[] = [
  textModel("gemini-2.5-flash", "Gemini 2.5 Flash", "default", "budget"),
  textModel("gemini-2.5-pro", "Gemini 2.5 Pro", "always", "budget"),
  textModel("gemini-2.5-flash-lite", "Gemini 2.5 Flash-Lite", "optional", "budget"),
  flash3,
  pro31,
  flashLite31,
  // The preview name of 3.1 Flash-Lite stayed as an alias of the stable one.
  { ...flashLite31, name: "gemini-3.1-flash-lite-preview" },
  alias("gemini-flash-latest", "Gemini Flash Latest", flash3),
  alias("gemini-flash-lite-latest", "Gemini Flash-Lite Latest", flashLite31),
  alias("gemini-pro-latest", "Gemini Pro Latest", pro31),
  {
    name: "gemini-embedding-001",
    modelVersion: "gemini-embedding-001",
    displayName: "Gemini Embedding 001",
    description: "Obtain a distributed representation of a text.",
    version: "001",
    inputTokenLimit: 2048,
    outputTokenLimit: 1,
    methods: EMBED,
    thinking: "never",
    thinkingControl: "none",
  },
];

/**
 * Finds a model by name, with or without the "models/" prefix.
 * @param name The model name from a request path.
 * @returns The model, or undefined when the stand-in does not know it.
 */
export function findModel(name: string): StandinModel | undefined {
  const bare = name.startsWith("models/") ? name.slice("models/".length) : name;
  return STANDIN_MODELS.find((model) => model.name === bare);
}

/**
 * Finds the model a REST method is called on, or refuses as the real API does.
 * @param name The model name from the path.
 * @param method The REST method called, e.g. "streamGenerateContent".
 * @param apiVersion The API version from the path, named in the message.
 * @returns The model.
 * @throws {StandinRejection} 404 NOT_FOUND when the model is unknown or lacks the method.
 */
export function requireModel(name: string, method: string, apiVersion: string): StandinModel {
  const model = findModel(name);
  // Both stream and plain calls need generateContent; both embed calls need embedContent.
  const needs = method === "streamGenerateContent" ? "generateContent" : method;
  const required = needs === "batchEmbedContents" ? "embedContent" : needs;
  if (model?.methods.includes(required)) return model;
  // The real message, also for a stream (js-genai's recording
  // Chats_Tests_sendMessage_Send_message_stream_with_error.json): it names generateContent.
  throw new StandinRejection(
    404,
    `models/${name.replace(/^models\//, "")} is not found for API version ${apiVersion}, or is not supported for ${needs}. Call ListModels to see the list of available models and their supported methods.`,
  );
}

/**
 * Shapes a model as the REST API's Model resource (what the SDK's models.get reads).
 * @param model A catalogue entry.
 * @returns The JSON-ready resource.
 */
export function modelResource(model: StandinModel): Record<string, unknown> {
  const generates = model.methods.includes("generateContent");
  return {
    name: `models/${model.name}`,
    version: model.version,
    displayName: model.displayName,
    description: model.description,
    inputTokenLimit: model.inputTokenLimit,
    outputTokenLimit: model.outputTokenLimit,
    supportedGenerationMethods: model.methods,
    ...(generates ? { temperature: 1, topP: 0.95, topK: 64, maxTemperature: 2 } : {}),
    ...(model.thinking === "never" ? {} : { thinking: true }),
  };
}

/**
 * Answers models.list: one page of the catalogue and, when more follow, a `nextPageToken`.
 * @param query The request's query parameters (`pageSize`, default 50, at most 1000; `pageToken`).
 * @returns The JSON-ready `{models, nextPageToken?}`.
 * @throws {StandinRejection} 400 INVALID_ARGUMENT for a bad page size or token.
 */
export function listModels(query: URLSearchParams): Record<string, unknown> {
  const size = Number(query.get("pageSize") ?? 50);
  if (!Number.isInteger(size) || size < 0) {
    throw new StandinRejection(
      400,
      `Invalid value at 'page_size' (TYPE_INT32), "${query.get("pageSize")}"`,
    );
  }
  const pageSize = Math.min(size === 0 ? 50 : size, 1000);
  const token = query.get("pageToken") ?? "";
  const start = token === "" ? 0 : Number(Buffer.from(token, "base64url").toString("utf8"));
  if (!Number.isInteger(start) || start < 0 || start > STANDIN_MODELS.length) {
    throw new StandinRejection(400, "Invalid page token.");
  }
  const page = STANDIN_MODELS.slice(start, start + pageSize).map(modelResource);
  const next = start + pageSize;
  return {
    models: page,
    ...(next < STANDIN_MODELS.length
      ? { nextPageToken: Buffer.from(String(next)).toString("base64url") }
      : {}),
  };
}
