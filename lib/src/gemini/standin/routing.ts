/**
 * Routing for the Gemini stand-in: which REST method a request asks for, and with which key.
 */
import type { IncomingMessage } from "node:http";

/** The REST methods the stand-in answers. */
export type GeminiMethod =
  | "generateContent"
  | "streamGenerateContent"
  | "countTokens"
  | "embedContent"
  | "batchEmbedContents"
  | "listModels"
  | "getModel";

/** A request the stand-in recognised. */
export interface GeminiRoute {
  apiVersion: string;
  /** The model named in the path; undefined for models.list. */
  model: string | undefined;
  method: GeminiMethod;
  /** The API key from the `x-goog-api-key` header or the `key` query parameter. */
  key: string | undefined;
  query: URLSearchParams;
}

const POST_METHODS = new Set<string>([
  "generateContent",
  "streamGenerateContent",
  "countTokens",
  "embedContent",
  "batchEmbedContents",
]);
const VERSIONS = new Set(["v1", "v1beta", "v1alpha"]);

// `/{apiVersion}/models[/{model}[:{method}]]`; model names hold dots and dashes, never "/" or ":".
const PATH = /^\/([^/]+)\/models(?:\/([^/:]+)(?::([A-Za-z]+))?)?$/;

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
  if (!match) return undefined;
  const [, apiVersion = "", model, method] = match;
  if (!VERSIONS.has(apiVersion)) return undefined;
  let route: GeminiMethod;
  if (request.method === "GET" && method === undefined) {
    route = model === undefined ? "listModels" : "getModel";
  } else if (request.method === "POST" && method !== undefined && POST_METHODS.has(method)) {
    route = method as GeminiMethod;
  } else {
    return undefined;
  }
  const header = request.headers["x-goog-api-key"];
  const key =
    (Array.isArray(header) ? header[0] : header) ?? url.searchParams.get("key") ?? undefined;
  return {
    apiVersion,
    model,
    method: route,
    key: key === "" ? undefined : key,
    query: url.searchParams,
  };
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
