/**
 * Answers of the Gemini stand-in: from a checked request, the response JSON (or the chunks of a
 * streamed one) - text, JSON mode, a function call - with usage counted as the real API counts it.
 *
 * Shapes follow js-genai's recordings of real calls (test/system/recordings): every stream chunk
 * carries `usageMetadata` (candidates counted so far), `modelVersion` and `responseId`; thinking
 * models report `thoughtsTokenCount`, which counts against `maxOutputTokens`; a function call comes
 * with a `thoughtSignature` and `finishMessage: "Model generated function call(s)."`.
 */
import { buildEmbeddings } from "./embeddings.js";
import type { StandinModel } from "./models.js";
import { checkPromptRequest, type Declaration, type PromptRequest } from "./requests.js";
import { SchemaFiller } from "./schema.js";
import { composeReplySentences, countTextTokens, hashText } from "./text.js";

/** Usage as the API reports it. */
export interface Usage {
  promptTokenCount: number;
  candidatesTokenCount: number;
  totalTokenCount: number;
  promptTokensDetails: { modality: "TEXT"; tokenCount: number }[];
  thoughtsTokenCount?: number;
}

/** What to send for a request: one JSON body, or the chunks of a server-sent-event stream. */
export type Reply = { json: Record<string, unknown> } | { chunks: Record<string, unknown>[] };

/** The parts of an answer before they are shaped into chunks. */
interface Answer {
  /** One list of parts per streamed chunk. */
  pieces: Record<string, unknown>[][];
  finishReason: "STOP" | "MAX_TOKENS";
  finishMessage?: string;
  thoughts: number;
  candidates: number[];
}

const words = (text: string) => new Set(text.toLowerCase().match(/[a-z]{3,}/g) ?? []);

/** How many thinking tokens the model spends on this request (0 when it does not think). */
function thinkingTokens(request: PromptRequest, model: StandinModel): number {
  const { thinkingBudget: budget, thinkingLevel: level } = request;
  const base = 40 + (hashText(`think:${request.lastUserText}`) % 200);
  if (model.thinking === "never" || budget === 0) return 0;
  if (budget !== undefined && budget > 0) return Math.min(budget, base);
  if (level !== undefined) {
    const scale = { MINIMAL: 0, LOW: 0.3, MEDIUM: 0.6, HIGH: 1 }[level] ?? 1;
    // Pro models cannot turn thinking off: their lowest level still thinks a little.
    return Math.round(base * (model.thinking === "always" ? Math.max(scale, 0.3) : scale));
  }
  // No setting: dynamic thinking (-1) where the model thinks by default, none where it only may.
  return model.thinking === "optional" && budget !== -1 ? 0 : base;
}

function chooseFunction(request: PromptRequest): Declaration | undefined {
  const mode = request.toolMode;
  if (request.declarations.length === 0 || mode === "NONE") return undefined;
  // After a function's result comes back, the model answers in words (unless forced to call).
  if (request.answersFunction && mode !== "ANY") return undefined;
  const allowed = request.allowedFunctions;
  const candidates = request.declarations.filter(
    (d) => !allowed?.length || allowed.includes(d.name),
  );
  const asked = words(request.lastUserText);
  const score = (d: Declaration) => {
    const own = words(
      `${d.name.replace(/([a-z])([A-Z])/g, "$1 $2").replace(/[_.-]/g, " ")} ${d.description}`,
    );
    return [...own].filter((word) => asked.has(word)).length;
  };
  const best = [...candidates].sort((a, b) => score(b) - score(a))[0];
  if (!best) return undefined;
  return mode === "ANY" || score(best) > 0 ? best : undefined;
}

function answerText(request: PromptRequest): string[] {
  const sentences = composeReplySentences(request.lastUserText);
  const prose = sentences.map((sentence, i) => (i === 0 ? sentence : ` ${sentence}`));
  const whole = prose.join("");
  const filler = new SchemaFiller(request.lastUserText);
  switch (request.mimeType) {
    case "application/json": {
      const value = request.schema === undefined ? { answer: whole } : filler.fill(request.schema);
      const json = JSON.stringify(value);
      const third = Math.ceil(json.length / 3);
      return [json.slice(0, third), json.slice(third, 2 * third), json.slice(2 * third)].filter(
        Boolean,
      );
    }
    case "text/x.enum":
      return [String(request.schema === undefined ? whole : filler.fill(request.schema))];
    case "application/xml":
      return [`<answer>${whole.replace(/&/g, "&amp;").replace(/</g, "&lt;")}</answer>`];
    case "application/yaml":
      return [`answer: ${JSON.stringify(whole)}\n`];
    default:
      return prose;
  }
}

/**
 * Composes the answer to a checked request: a function call when a declared function fits, else
 * text in the asked format, cut short when thinking and text exceed `maxOutputTokens`.
 */
function composeAnswer(request: PromptRequest, model: StandinModel): Answer {
  const max = request.maxOutputTokens ?? Infinity;
  const thoughts = Math.min(thinkingTokens(request, model), max);
  const signature =
    thoughts > 0
      ? { thoughtSignature: Buffer.from(`stand-in:${thoughts}`).toString("base64") }
      : {};
  const chosen = chooseFunction(request);
  if (chosen) {
    const args =
      chosen.parameters === undefined
        ? {}
        : new SchemaFiller(request.lastUserText).fill(chosen.parameters);
    const part = { functionCall: { name: chosen.name, args }, ...signature };
    const tokens = countTextTokens(JSON.stringify(part.functionCall));
    return {
      pieces: [[part]],
      finishReason: "STOP",
      finishMessage: "Model generated function call(s).",
      thoughts,
      candidates: [tokens],
    };
  }
  const limit = (max - thoughts) * 4; // about four characters a token, as countTextTokens counts
  let left = limit;
  const texts = answerText(request).flatMap((piece) => {
    const kept = piece.slice(0, Math.max(0, left));
    left -= piece.length;
    return kept ? [kept] : [];
  });
  const finishReason = left < 0 ? "MAX_TOKENS" : "STOP";
  const pieces: Record<string, unknown>[][] = texts.map((text) => [{ text }]);
  if (request.includeThoughts && thoughts > 0 && pieces[0]) {
    const summary = `**Planning the answer**\n\nThe question is about "${request.lastUserText.slice(0, 60)}"; a short, plain answer fits.`;
    pieces[0].unshift({ text: summary, thought: true });
  }
  let soFar = "";
  const candidates = texts.map((text) => countTextTokens((soFar += text)));
  return { pieces, finishReason, thoughts, candidates };
}

/** Joins neighbouring answer-text parts into one, as a whole (unstreamed) answer has them. */
function joinText(parts: Record<string, unknown>[]): Record<string, unknown>[] {
  const joined: Record<string, unknown>[] = [];
  for (const part of parts) {
    const last = joined.at(-1);
    const plain = (p: Record<string, unknown> | undefined) =>
      p !== undefined && typeof p.text === "string" && p.thought === undefined;
    if (plain(last) && plain(part))
      joined[joined.length - 1] = { text: `${String(last?.text)}${String(part.text)}` };
    else joined.push(part);
  }
  return joined;
}

/**
 * Counts usage the way the API reports it; `candidates` is the count so far in a stream.
 * @param prompt Tokens of the prompt.
 * @param candidates Tokens of the answer so far.
 * @param thoughts Thinking tokens (omitted from the JSON when 0).
 * @returns The usageMetadata object.
 */
export function buildUsage(prompt: number, candidates: number, thoughts = 0): Usage {
  return {
    promptTokenCount: prompt,
    candidatesTokenCount: candidates,
    totalTokenCount: prompt + candidates + thoughts,
    promptTokensDetails: [{ modality: "TEXT", tokenCount: prompt }],
    ...(thoughts > 0 ? { thoughtsTokenCount: thoughts } : {}),
  };
}

/**
 * Prepares the reply to a checked generateContent or streamGenerateContent request.
 * @param request The checked request.
 * @param meta The model, whether to stream, and an id for this response.
 * @returns One JSON body, or the chunks of a stream (each with usage so far).
 */
export function prepareGenerateReply(
  request: PromptRequest,
  meta: { model: StandinModel; stream: boolean; responseId: string },
): Reply {
  const answer = composeAnswer(request, meta.model);
  const shape = (parts: Record<string, unknown>[], candidates: number, final: boolean) => ({
    candidates: [
      {
        // With no parts at all (thinking used every token) the API leaves `parts` out.
        content: parts.length > 0 ? { parts, role: "model" } : { role: "model" },
        ...(final ? { finishReason: answer.finishReason } : {}),
        ...(final && answer.finishMessage ? { finishMessage: answer.finishMessage } : {}),
        index: 0,
      },
    ],
    usageMetadata: buildUsage(request.promptTokens, candidates, answer.thoughts),
    modelVersion: meta.model.modelVersion,
    responseId: meta.responseId,
  });
  const total = answer.candidates.at(-1) ?? 0;
  if (!meta.stream) return { json: shape(joinText(answer.pieces.flat()), total, true) };
  // An answer without text still streams one, final, chunk.
  const pieces = answer.pieces.length > 0 ? answer.pieces : [[]];
  const last = pieces.length - 1;
  return {
    chunks: pieces.map((parts, i) => shape(parts, answer.candidates[i] ?? total, i === last)),
  };
}

/**
 * Checks a request body and prepares the reply for its REST method.
 * @param method The REST method the path named.
 * @param body The parsed JSON body.
 * @param meta The model (already found to support the method) and an id for this response.
 * @returns The reply to send once the latency has passed.
 * @throws {StandinRejection} 400 INVALID_ARGUMENT when the body is malformed, in the API's words.
 */
export function prepareReply(
  method: string,
  body: unknown,
  meta: { model: StandinModel; responseId: string },
): Reply {
  if (method === "batchEmbedContents" || method === "embedContent") {
    return { json: buildEmbeddings(method, body) };
  }
  const kind = method === "countTokens" ? "CountTokensRequest" : "GenerateContentRequest";
  const request = checkPromptRequest(body, kind, meta.model);
  if (method === "countTokens") {
    const { promptTokens } = request;
    return {
      json: {
        totalTokens: promptTokens,
        promptTokensDetails: [{ modality: "TEXT", tokenCount: promptTokens }],
      },
    };
  }
  return prepareGenerateReply(request, { ...meta, stream: method === "streamGenerateContent" });
}
