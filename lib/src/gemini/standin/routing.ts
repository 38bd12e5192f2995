/**
 * Routing for the Gemini stand-in: which REST method a request asks for, and with which key.
 */
import type { IncomingMessage } from "node:http";

/** The REST methods the stand-in answers. */
export type GeminiMethod =
  "generateContent" | "streamGenerateContent" | "countTokens" | "batchEmbedContents";

/** A request the stand-in recognised. */
export interface GeminiRoute {
  apiVersion: string;
  model: string;
  method: GeminiMethod;
  /** The API key from the `x-goog-api-key` header or the `key` query parameter. */
  key: string | undefined;
}

const METHODS = new Set<string>([
  "generateContent",
  "streamGenerateContent",
  "countTokens",
  "batchEmbedContents",
]);

// `POST /{apiVersion}/models/{model}:{method}`; model names may hold dots and dashes, never "/" or ":".
const PATH = /^\/([^/]+)\/models\/([^/:]+):([A-Za-z]+)$/;

/**
 * Matches a request against the stand-in's endpoints.
 * @param request The incoming request (only its method, URL and headers are read).
 * @returns The route, or undefined when nothing answers at that method and path.
 */
export function routeRequest(request: IncomingMessage): GeminiRoute | undefined {
  const url = new URL(request.url ?? "/", "http://stand-in");
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    return undefined;
  }
  const match = PATH.exec(path);
  if (request.method !== "POST" || !match) return undefined;
  const [, apiVersion = "", model = "", method = ""] = match;
  if (!METHODS.has(method)) return undefined;
  const header = request.headers["x-goog-api-key"];
  const key =
    (Array.isArray(header) ? header[0] : header) ?? url.searchParams.get("key") ?? undefined;
  return { apiVersion, model, method: method as GeminiMethod, key: key === "" ? undefined : key };
}

/**
 * Reads a request's body as JSON.
 * @param request The incoming request.
 * @param limitBytes The largest body accepted.
 * @returns The parsed body.
 * @throws {SyntaxError} When the body is not JSON or is larger than the limit.
 */
export async function readJsonBody(request: IncomingMessage, limitBytes: number): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limitBytes)
      throw new SyntaxError(`Request payload size exceeds the limit: ${limitBytes} bytes.`);
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new SyntaxError(`Invalid JSON payload received. ${(error as Error).message}`, {
      cause: error,
    });
  }
}
