/**
 * API keys at the Gemini stand-in: which keys it takes, and the answers the real API gives for a
 * missing or a bad one.
 *
 * What counts as a bad key: the stand-in cannot ask Google whether a key is live, so it judges by
 * form. It accepts {@link STANDIN_API_KEY} (what the course's own clients send), any key listed in
 * the `apiKeys` option, and any key shaped like a real one: an AI Studio authorization key ("AQ."
 * and at least 20 characters of [0-9A-Za-z_-], the only kind AI Studio makes since 2026) or a
 * standard key ("AIza" and 35 more). Every other key - "my-key", an empty string, a key with a stray quote or space -
 * gets the 400 API_KEY_INVALID the real API would send, so a learner's mistake shows up offline
 * just as it would live. A real-looking key that Google has revoked can be simulated with the
 * `rejectKeys` option.
 */
import { StandinRejection } from "./faults.js";

/** The key the course's offline clients send to the stand-in; it is not a Google key. */
export const STANDIN_API_KEY = "offline-stand-in";

// Authorization keys "AQ." (https://ai.google.dev/gemini-api/docs/api-key; reported in
// snailyp/gemini-balance#405, NikolaiRadke/AI.duino#24) and standard keys, "AIza" then 35 characters
// of the URL-safe base64 alphabet. Their exact lengths vary, so only the shape is checked.
const REAL_KEY_FORMATS = [/^AQ\.[0-9A-Za-z_-]{20,}$/, /^AIza[0-9A-Za-z_-]{35}$/];

/**
 * Tells whether a key has the form of a real Google API key.
 * @param key The key as sent.
 * @returns True for "AQ." and 20 or more characters of [0-9A-Za-z_-], or "AIza" and 35.
 */
export function looksLikeGoogleKey(key: string): boolean {
  return REAL_KEY_FORMATS.some((format) => format.test(key));
}

/**
 * Checks the key of a request the way the real API does, before anything else.
 * @param key The key from `x-goog-api-key` or `?key=`, undefined when there was none.
 * @param keys The keys the stand-in takes besides real-looking ones, and the ones it refuses.
 * @throws {StandinRejection} 403 PERMISSION_DENIED without a key; 400 INVALID_ARGUMENT with an
 *   ErrorInfo of reason API_KEY_INVALID for a bad one.
 */
export function checkApiKey(
  key: string | undefined,
  keys: { apiKeys: readonly string[]; rejectKeys: readonly string[] },
): void {
  if (key === undefined) {
    // The real answer without a key (quoted in PublicAffairs/openai-gemini#92 and
    // UnityGameStudio/Gemini-Unity-Package#1): 403 PERMISSION_DENIED, no details.
    throw new StandinRejection(
      403,
      "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.",
    );
  }
  const accepted =
    (key === STANDIN_API_KEY || keys.apiKeys.includes(key) || looksLikeGoogleKey(key)) &&
    !keys.rejectKeys.includes(key);
  if (accepted) return;
  // The real answer to a bad key (continuedev/continue#8516, google/timesketch#3703): 400
  // INVALID_ARGUMENT with an ErrorInfo (reason API_KEY_INVALID) and a LocalizedMessage.
  const message = "API key not valid. Please pass a valid API key.";
  throw new StandinRejection(400, message, [
    {
      "@type": "type.googleapis.com/google.rpc.ErrorInfo",
      reason: "API_KEY_INVALID",
      domain: "googleapis.com",
      metadata: { service: "generativelanguage.googleapis.com" },
    },
    { "@type": "type.googleapis.com/google.rpc.LocalizedMessage", locale: "en-US", message },
  ]);
}
