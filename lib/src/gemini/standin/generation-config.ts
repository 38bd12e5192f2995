/**
 * Reads and checks a generateContent or countTokens request's generationConfig the way the Gemini
 * API does: the GenerationConfig and ThinkingConfig fields of the REST reference (every field
 * @google/genai sends), their types, ranges and combinations. Wordings marked "real" are the API's.
 */
import { FieldReader, refuse, type Json } from "./fields.js";
import { StandinRejection } from "./faults.js";
import type { StandinModel } from "./models.js";

// prettier-ignore
const CONFIG_FIELDS = [
  "stopSequences", "responseMimeType", "responseSchema", "responseJsonSchema",
  "responseModalities", "candidateCount", "maxOutputTokens", "temperature", "topP", "topK", "seed",
  "presencePenalty", "frequencyPenalty", "responseLogprobs", "logprobs",
  "enableEnhancedCivicAnswers", "speechConfig", "thinkingConfig", "imageConfig", "mediaResolution",
  "audioTranscriptionConfig",
];
const THINKING_FIELDS = ["includeThoughts", "thinkingBudget", "thinkingLevel"];
// The real list, from the API's own refusal (quoted in a public Gemini/Imagen write-up).
const MIME_TYPES = [
  "text/plain",
  "application/json",
  "application/xml",
  "application/yaml",
  "text/x.enum",
];
const LEVELS = ["MINIMAL", "LOW", "MEDIUM", "HIGH", "THINKING_LEVEL_UNSPECIFIED"];

/**
 * Reads a request's generationConfig (and its thinkingConfig), refusing unknown fields and values
 * of the wrong type; {@link checkGenerationConfig} then checks the ranges.
 * @param read The request's reader (it collects the refusals).
 * @param body The request (a generateContent body, or the one countTokens wraps).
 * @returns The fields the stand-in uses, `undefined` where not given.
 */
export function readGenerationConfig(read: FieldReader, body: Json) {
  const config =
    read.object(
      FieldReader.get(body, "generationConfig"),
      "generation_config",
      "GenerationConfig",
    ) ?? {};
  read.known(config, CONFIG_FIELDS, "generation_config");
  const at = (name: string) => FieldReader.path("generation_config", name);
  const number = (name: string, integer = false) =>
    read.number(FieldReader.get(config, name), at(name), integer);
  const thinking =
    read.object(
      FieldReader.get(config, "thinkingConfig"),
      at("thinkingConfig"),
      "ThinkingConfig",
    ) ?? {};
  read.known(thinking, THINKING_FIELDS, at("thinkingConfig"));
  const thinkingAt = (name: string) => FieldReader.path(at("thinkingConfig"), name);
  return {
    temperature: number("temperature"),
    topP: number("topP"),
    topK: number("topK", true),
    candidateCount: number("candidateCount", true),
    maxOutputTokens: number("maxOutputTokens", true),
    mimeType: read.string(FieldReader.get(config, "responseMimeType"), at("responseMimeType")),
    schema:
      FieldReader.get(config, "responseJsonSchema") ?? FieldReader.get(config, "responseSchema"),
    thinkingBudget: read.number(
      FieldReader.get(thinking, "thinkingBudget"),
      thinkingAt("thinkingBudget"),
      true,
    ),
    thinkingLevel: read.string(
      FieldReader.get(thinking, "thinkingLevel"),
      thinkingAt("thinkingLevel"),
    ),
    includeThoughts: read.boolean(
      FieldReader.get(thinking, "includeThoughts"),
      thinkingAt("includeThoughts"),
    ),
  };
}

/**
 * Checks the ranges and combinations of a read generationConfig, as the API does.
 * @param config What {@link readGenerationConfig} read.
 * @param model The model the request is for (its thinking rules apply).
 * @param kind The request type named in messages, e.g. "GenerateContentRequest".
 * @throws {StandinRejection} 400 INVALID_ARGUMENT, worded as the API words it.
 */
export function checkGenerationConfig(
  config: ReturnType<typeof readGenerationConfig>,
  model: StandinModel,
  kind: string,
): void {
  const where = (field: string) => `${kind}.generation_config.${field}`;
  const { temperature, topP, topK, candidateCount, maxOutputTokens, mimeType, schema } = config;
  // models.get reports maxTemperature 2 for every current text model.
  if (temperature !== undefined && (temperature < 0 || temperature > 2))
    refuse(where("temperature"), "must be in the range [0.0, 2.0]");
  if (topP !== undefined && (topP < 0 || topP > 1))
    refuse(where("top_p"), "must be in the range [0.0, 1.0]");
  if (topK !== undefined && topK < 1) refuse(where("top_k"), "must be a positive integer");
  if (candidateCount !== undefined && (candidateCount < 1 || candidateCount > 8))
    refuse(where("candidate_count"), "must be in the range [1, 8]");
  if (maxOutputTokens !== undefined && maxOutputTokens < 1)
    refuse(where("max_output_tokens"), "must be a positive integer");
  if (mimeType !== undefined && mimeType !== "" && !MIME_TYPES.includes(mimeType)) {
    refuse(
      where("response_mime_type"),
      "allowed mimetypes are text/plain, application/json, application/xml, application/yaml and text/x.enum.",
    ); // real
  }
  if (schema !== undefined && mimeType !== "application/json" && mimeType !== "text/x.enum") {
    refuse(
      where("response_mime_type"),
      "response_mime_type must be application/json or text/x.enum when a response schema is set.",
    );
  }
  if (config.thinkingLevel !== undefined && !LEVELS.includes(config.thinkingLevel.toUpperCase())) {
    throw new StandinRejection(
      400,
      `Invalid value at 'generation_config.thinking_config.thinking_level' (type.googleapis.com/google.ai.generativelanguage.v1beta.ThinkingConfig.ThinkingLevel), "${config.thinkingLevel}"`,
    );
  }
  if (config.thinkingBudget === 0 && model.thinking === "always") {
    throw new StandinRejection(400, "Budget 0 is invalid. This model only works in thinking mode."); // real
  }
}
