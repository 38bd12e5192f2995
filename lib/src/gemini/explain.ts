/**
 * One line that tells a reader why a Gemini call failed and what to do about it.
 *
 * The cases are the real API's (https://ai.google.dev/gemini-api/docs/troubleshooting, and the
 * answers quoted in lib/src/gemini/standin/keys.ts): no key is 403 PERMISSION_DENIED, a bad key is
 * 400 INVALID_ARGUMENT with reason API_KEY_INVALID, an unknown model 404 NOT_FOUND, a quota 429
 * RESOURCE_EXHAUSTED with a RetryInfo delay, and 500/503/504 are the service's own trouble.
 */
import { parseGeminiError } from "./error.js";

/** Where the call went: the real API or the local stand-in. */
export type GeminiMode = "live" | "offline";

function firstLine(text: string): string {
  return text.split("\n")[0] ?? "";
}

const KEY_PAGE = "https://aistudio.google.com/apikey";

/**
 * Explains an error from a Gemini call in one line.
 * @param error Anything a Gemini call rejected with.
 * @param mode Which server the call went to; changes the advice for key errors.
 * @returns One line, never holding the API key.
 * @example
 * ```ts
 * explainGeminiError(error, "live");
 * // "The API rejected GEMINI_API_KEY (400 INVALID_ARGUMENT, API_KEY_INVALID): check the key ..."
 * ```
 */
export function explainGeminiError(error: unknown, mode: GeminiMode = "live"): string {
  const info = parseGeminiError(error);
  if (!info) {
    if (!(error instanceof Error))
      return `The call failed with a non-error value: ${String(error)}`;
    if (error.name === "AbortError" || error.name === "TimeoutError") {
      return `The call was cancelled (${error.name}): its abortSignal fired or httpOptions.timeout ran out.`;
    }
    const cause = error.cause instanceof Error ? ` (${firstLine(error.cause.message)})` : "";
    return `The call failed before an answer: ${error.name}: ${firstLine(error.message)}${cause}`;
  }
  const label = `${info.code} ${info.status || "error"}`;
  const said = firstLine(info.message).replace(/^\* /, "");
  if (info.reason === "API_KEY_INVALID") {
    return mode === "live"
      ? `The API rejected GEMINI_API_KEY (${label}, API_KEY_INVALID): check the key at ${KEY_PAGE}, or unset it to use the offline stand-in.`
      : `The stand-in rejected the key (${label}, API_KEY_INVALID): it takes STANDIN_API_KEY ("offline-stand-in") or a key shaped like Google's (AQ.… or AIza…).`;
  }
  if (info.code === 403 && /unregistered callers/.test(info.message)) {
    return mode === "live"
      ? `No API key reached the API (${label}): set GEMINI_API_KEY before starting the kernel (npm run lab), or pass apiKey to GoogleGenAI.`
      : `No API key reached the stand-in (${label}): pass apiKey: STANDIN_API_KEY to GoogleGenAI.`;
  }
  if (info.code === 401 || info.code === 403) {
    return `The API refused this key (${label}): it is set but not allowed to call this API or model; check its restrictions at ${KEY_PAGE}. ${said}`;
  }
  if (info.code === 429) {
    const wait =
      info.retryDelayMs === undefined ? "" : ` and asks to wait ${info.retryDelayMs / 1000} s`;
    return `Rate limited (${label}): the API refused this call${wait}; slow down or retry with backoff.`;
  }
  if (info.code === 404) {
    return `Not found (${label}): check the model name (GEMINI_MODEL); models.list() shows the names that work. ${said}`;
  }
  if (info.code >= 500) {
    return `The service failed (${label}): a transient error, safe to retry with backoff. ${said}`;
  }
  return `The API refused the request (${label}): ${said}`;
}
