/**
 * One line that tells a reader why a Gemini call failed and what to do about it.
 */
import { parseGeminiError } from "./error.js";

/** Where the call went: the real API or the local stand-in. */
export type GeminiMode = "live" | "offline";

function firstLine(text: string): string {
  return text.split("\n")[0] ?? "";
}

/**
 * Explains an error from a Gemini call in one line.
 * @param error Anything a Gemini call rejected with.
 * @param mode Which server the call went to; changes the advice for key errors.
 * @returns One line, never holding the API key.
 * @example
 * ```ts
 * explainGeminiError(error, "live");
 * // "The API rejected GEMINI_API_KEY (403 PERMISSION_DENIED): check the key ..."
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
  const said = firstLine(info.message);
  if (info.code === 401 || info.code === 403) {
    return mode === "live"
      ? `The API rejected GEMINI_API_KEY (${label}): check the key at https://aistudio.google.com/apikey, or unset it to use the offline stand-in.`
      : `The stand-in rejected the key (${label}): ${said}`;
  }
  if (info.code === 429) {
    const wait =
      info.retryDelayMs === undefined ? "" : ` and asks to wait ${info.retryDelayMs / 1000} s`;
    return `Rate limited (${label}): the API refused this call${wait}; slow down or retry with backoff.`;
  }
  if (info.code === 404) {
    return `Not found (${label}): check the model name (GEMINI_MODEL) and the API version. ${said}`;
  }
  if (info.code >= 500) {
    return `The service failed (${label}): a transient error, safe to retry with backoff. ${said}`;
  }
  return `The API refused the request (${label}): ${said}`;
}
