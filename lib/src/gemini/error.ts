/**
 * Reads what went wrong in a failed Gemini call: the SDK's `ApiError` carries the API's JSON error
 * body as its message, and a 429's body says how long to wait.
 */

/** The parts of a Gemini API error a program can act on. */
export interface GeminiErrorInfo {
  /** HTTP status, e.g. 429. */
  code: number;
  /** The API's status name, e.g. "RESOURCE_EXHAUSTED" ("" when the body had none). */
  status: string;
  /** The API's message for humans. */
  message: string;
  /** The wait a RetryInfo detail asks for, in milliseconds, when there is one. */
  retryDelayMs: number | undefined;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null;

function parseDelay(details: unknown): number | undefined {
  if (!Array.isArray(details)) return undefined;
  for (const detail of details) {
    if (!isObject(detail) || !String(detail["@type"]).endsWith("google.rpc.RetryInfo")) continue;
    const match = /^(\d+(?:\.\d+)?)s$/.exec(String(detail.retryDelay));
    if (match) return Math.round(Number(match[1]) * 1000);
  }
  return undefined;
}

/**
 * Reads the API error inside an error thrown by `@google/genai` (an `ApiError`, also mid-stream).
 * @param error Anything a Gemini call rejected with.
 * @returns The code, status, message and retry delay, or undefined when it is not an API error.
 * @example
 * ```ts
 * try {
 *   await ai.models.generateContent({ model, contents: "Hi" });
 * } catch (error) {
 *   const info = parseGeminiError(error); // { code: 429, status: "RESOURCE_EXHAUSTED", retryDelayMs: 2000, ... }
 * }
 * ```
 */
export function parseGeminiError(error: unknown): GeminiErrorInfo | undefined {
  if (!(error instanceof Error) || error.name !== "ApiError") return undefined;
  const code = (error as Error & { status?: unknown }).status;
  if (typeof code !== "number") return undefined;
  // Mid-stream errors prefix the JSON with "got status: ...". Take the JSON from its first brace.
  const start = error.message.indexOf("{");
  let body: unknown;
  try {
    body = start === -1 ? undefined : JSON.parse(error.message.slice(start));
  } catch {
    body = undefined;
  }
  const inner = isObject(body) && isObject(body.error) ? body.error : {};
  return {
    code,
    status: typeof inner.status === "string" ? inner.status : "",
    message: typeof inner.message === "string" ? inner.message : error.message,
    retryDelayMs: parseDelay(inner.details),
  };
}
