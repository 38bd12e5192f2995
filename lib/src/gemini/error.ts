/**
 * Reads what went wrong in a failed Gemini call: the SDK's `ApiError` carries the API's JSON error
 * body in its message - in one of three packagings - and a 429's body says how long to wait.
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
  /** The reason of an ErrorInfo detail, e.g. "API_KEY_INVALID", when there is one. */
  reason: string | undefined;
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null;

function findDetail(details: unknown, type: string): Json | undefined {
  if (!Array.isArray(details)) return undefined;
  return details.find(
    (detail): detail is Json => isObject(detail) && String(detail["@type"]).endsWith(type),
  );
}

function parseDelay(details: unknown): number | undefined {
  // google.protobuf.Duration in JSON: "2s", "0.5s", "47.123456s".
  const match = /^(\d+(?:\.\d+)?)s$/.exec(
    String(findDetail(details, "google.rpc.RetryInfo")?.retryDelay),
  );
  return match ? Math.round(Number(match[1]) * 1000) : undefined;
}

function readReason(details: unknown): string | undefined {
  const reason = findDetail(details, "google.rpc.ErrorInfo")?.reason;
  return typeof reason === "string" ? reason : undefined;
}

/** The `error` object of a JSON text, or undefined when the text holds none. */
function errorObject(text: string): Json | undefined {
  const start = text.indexOf("{");
  if (start === -1) return undefined;
  try {
    const body: unknown = JSON.parse(text.slice(start));
    return isObject(body) && isObject(body.error) ? body.error : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Reads the API error inside an error thrown by `@google/genai` (an `ApiError`). Three packagings
 * reach a program:
 * - a plain call: the message is the API's JSON body, `{"error":{code,message,status,details}}`;
 * - an error answer to a streaming call: the API sends it as text/event-stream, so the SDK wraps
 *   the body's text in one more `{"error":{"message":"<the body>","code":404,"status":"Not Found"}}`
 *   (seen in continuedev/continue#9330 and google-gemini/gemini-cli#14811);
 * - an error event partway through a stream: `got status: UNAVAILABLE. {"error":{...}}`.
 * @param error Anything a Gemini call rejected with.
 * @returns The code, status, message, retry delay and reason, or undefined when it is not an API error.
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
  let inner = errorObject(error.message) ?? {};
  // The streaming packaging: the real body is the text of the outer message.
  const wrapped = typeof inner.message === "string" ? errorObject(inner.message) : undefined;
  if (wrapped) inner = wrapped;
  return {
    code,
    status: typeof inner.status === "string" ? inner.status : "",
    message: typeof inner.message === "string" ? inner.message : error.message,
    retryDelayMs: parseDelay(inner.details),
    reason: readReason(inner.details),
  };
}
