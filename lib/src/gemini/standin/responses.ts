/**
 * Answers of the Gemini stand-in: checks a request body the way the API does, then builds the
 * response JSON (or the chunks of a streamed one) from deterministic text.
 */
import { composeReplySentences, countTextTokens, embedText } from "./text.js";

interface Part {
  text?: unknown;
}
interface Content {
  role?: unknown;
  parts?: unknown;
}

/** A checked generateContent / countTokens request, reduced to what the stand-in uses. */
export interface PromptRequest {
  /** The text of the last user turn: the reply depends on it only. */
  lastUserText: string;
  /** Tokens of every turn plus the system instruction. */
  promptTokens: number;
  maxOutputTokens: number | undefined;
}

/** The text pieces of an answer and its usage, before they are shaped into JSON. */
export interface Answer {
  pieces: string[];
  finishReason: "STOP" | "MAX_TOKENS";
  usageMetadata: {
    promptTokenCount: number;
    candidatesTokenCount: number;
    totalTokenCount: number;
  };
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function textOf(content: Content, where: string): string {
  if (!Array.isArray(content.parts)) throw new TypeError(`* ${where}.parts: parts must be a list`);
  return (content.parts as Part[])
    .map((part) => (isObject(part) && typeof part.text === "string" ? part.text : ""))
    .join("");
}

/**
 * Checks a generateContent or countTokens body and reduces it to a {@link PromptRequest}.
 * @param body The parsed JSON body.
 * @param kind The request type named in error messages, as the API names it.
 * @returns The reduced request.
 * @throws {TypeError} With the API's style of message when the body is malformed.
 */
export function checkPromptRequest(body: unknown, kind: string): PromptRequest {
  // countTokens also accepts the contents wrapped in a whole generateContent request.
  const inner =
    isObject(body) && isObject(body.generateContentRequest) ? body.generateContentRequest : body;
  if (!isObject(inner)) throw new TypeError(`* ${kind}: the request body must be a JSON object`);
  const { contents, systemInstruction, generationConfig } = inner;
  if (contents === undefined || (Array.isArray(contents) && contents.length === 0)) {
    throw new TypeError(`* ${kind}.contents: contents is not specified`);
  }
  if (!Array.isArray(contents) || !contents.every(isObject)) {
    throw new TypeError(`* ${kind}.contents: contents must be a list of Content objects`);
  }
  const texts = contents.map((content, i) => textOf(content, `${kind}.contents[${i}]`));
  const system = isObject(systemInstruction)
    ? textOf(systemInstruction, `${kind}.systemInstruction`)
    : "";
  const userTurns = contents.flatMap((content, i) =>
    content.role === "model" ? [] : [texts[i] ?? ""],
  );
  const max = isObject(generationConfig) ? generationConfig.maxOutputTokens : undefined;
  if (max !== undefined && (typeof max !== "number" || !Number.isInteger(max) || max < 1)) {
    throw new TypeError(`* ${kind}.generationConfig.max_output_tokens: must be a positive integer`);
  }
  return {
    lastUserText: userTurns.at(-1) ?? "",
    promptTokens: [system, ...texts].reduce((sum, text) => sum + countTextTokens(text), 0),
    maxOutputTokens: max,
  };
}

/**
 * Composes the answer to a checked request, cut short when it exceeds `maxOutputTokens`.
 * @param request The checked request.
 * @returns The text pieces (one per streamed chunk), finish reason and usage.
 */
export function composeAnswer(request: PromptRequest): Answer {
  const sentences = composeReplySentences(request.lastUserText);
  let pieces = sentences.map((sentence, i) => (i === 0 ? sentence : ` ${sentence}`));
  let finishReason: Answer["finishReason"] = "STOP";
  const limit = request.maxOutputTokens === undefined ? Infinity : request.maxOutputTokens * 4;
  if (pieces.join("").length > limit) {
    finishReason = "MAX_TOKENS";
    let left = limit;
    pieces = pieces.flatMap((piece) => {
      const kept = piece.slice(0, Math.max(0, left));
      left -= piece.length;
      return kept ? [kept] : [];
    });
  }
  const candidatesTokenCount = countTextTokens(pieces.join(""));
  const promptTokenCount = request.promptTokens;
  const totalTokenCount = promptTokenCount + candidatesTokenCount;
  return {
    pieces,
    finishReason,
    usageMetadata: { promptTokenCount, candidatesTokenCount, totalTokenCount },
  };
}

/**
 * Shapes (part of) an answer as a GenerateContentResponse.
 * @param text The text of this response or chunk.
 * @param meta Model, response id, and for a final or whole response its finish reason and usage.
 * @returns The JSON-ready response.
 */
export function buildGenerateResponse(
  text: string,
  meta: {
    model: string;
    responseId: string;
    final?: Pick<Answer, "finishReason" | "usageMetadata">;
  },
): Record<string, unknown> {
  const candidate = {
    content: { role: "model", parts: [{ text }] },
    ...(meta.final ? { finishReason: meta.final.finishReason } : {}),
    index: 0,
  };
  return {
    candidates: [candidate],
    ...(meta.final ? { usageMetadata: meta.final.usageMetadata } : {}),
    modelVersion: meta.model,
    responseId: meta.responseId,
  };
}

/**
 * Checks a batchEmbedContents body and embeds each request's text.
 * @param body The parsed JSON body.
 * @returns The JSON-ready `{embeddings:[{values}]}`, one per request.
 * @throws {TypeError} With the API's style of message when the body is malformed.
 */
export function buildEmbeddings(body: unknown): Record<string, unknown> {
  const requests = isObject(body) ? body.requests : undefined;
  if (!Array.isArray(requests) || requests.length === 0) {
    throw new TypeError("* BatchEmbedContentsRequest.requests: requests is not specified");
  }
  const embeddings = requests.map((request: unknown, i) => {
    const where = `BatchEmbedContentsRequest.requests[${i}]`;
    if (!isObject(request) || !isObject(request.content)) {
      throw new TypeError(`* ${where}.content: content is not specified`);
    }
    const size = request.outputDimensionality ?? 768;
    if (typeof size !== "number" || !Number.isInteger(size) || size < 1 || size > 3072) {
      throw new TypeError(`* ${where}.output_dimensionality: must be between 1 and 3072`);
    }
    return { values: embedText(textOf(request.content, where), size) };
  });
  return { embeddings };
}

/** What to send for a request: one JSON body, or the chunks of a server-sent-event stream. */
export type Reply = { json: Record<string, unknown> } | { chunks: Record<string, unknown>[] };

/**
 * Checks a request body and prepares the reply for its REST method.
 * @param method The REST method the path named.
 * @param body The parsed JSON body.
 * @param meta The model name to echo and an id for this response.
 * @returns The reply to send once the latency has passed.
 * @throws {TypeError} With the API's style of message when the body is malformed.
 */
export function prepareReply(
  method: string,
  body: unknown,
  meta: { model: string; responseId: string },
): Reply {
  if (method === "batchEmbedContents") return { json: buildEmbeddings(body) };
  const kind = method === "countTokens" ? "CountTokensRequest" : "GenerateContentRequest";
  const prompt = checkPromptRequest(body, kind);
  if (method === "countTokens") return { json: { totalTokens: prompt.promptTokens } };
  const answer = composeAnswer(prompt);
  if (method === "generateContent") {
    return { json: buildGenerateResponse(answer.pieces.join(""), { ...meta, final: answer }) };
  }
  const last = answer.pieces.length - 1;
  const chunks = answer.pieces.map((piece, i) =>
    buildGenerateResponse(piece, { ...meta, final: i === last ? answer : undefined }),
  );
  return { chunks };
}
