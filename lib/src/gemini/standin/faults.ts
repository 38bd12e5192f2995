/**
 * Errors the way the Gemini API sends them, and the seeded dice that decide which stand-in request
 * fails or answers slowly.
 *
 * Codes and statuses follow Google's table (https://ai.google.dev/gemini-api/docs/troubleshooting):
 * 400 INVALID_ARGUMENT, 403 PERMISSION_DENIED, 404 NOT_FOUND, 429 RESOURCE_EXHAUSTED, 500 INTERNAL,
 * 503 UNAVAILABLE. Bodies and messages are copied from real answers quoted in public reports
 * (cited where each is built).
 */

/** The HTTP statuses the stand-in can inject as faults. */
export const FAULT_STATUSES = [429, 500, 503, 504] as const;

/** One HTTP status the stand-in can inject. */
export type FaultStatus = (typeof FAULT_STATUSES)[number];

const STATUS_NAMES: Record<number, string> = {
  400: "INVALID_ARGUMENT",
  401: "UNAUTHENTICATED",
  403: "PERMISSION_DENIED",
  404: "NOT_FOUND",
  429: "RESOURCE_EXHAUSTED",
  500: "INTERNAL",
  503: "UNAVAILABLE",
  504: "DEADLINE_EXCEEDED",
};

// 429: googleapis/python-genai#2044 and google-gemini/gemini-cli#8437 quote the real body; 503: the
// overload answer quoted in many gemini-cli issues; 500 and 504 are the API's stock sentences.
const FAULT_MESSAGES: Record<FaultStatus, string> = {
  429: "You exceeded your current quota, please check your plan and billing details. For more information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits.",
  500: "An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting",
  503: "The model is overloaded. Please try again later.",
  504: "Deadline expired before operation could complete.",
};

const FAULT_LINK = "https://ai.google.dev/gemini-api/docs/rate-limits";

/** The JSON body of an error answer: `{"error":{"code","message","status","details"?}}`. */
export interface ErrorBody {
  error: { code: number; message: string; status: string; details?: unknown[] };
}

/** A request the stand-in refuses, with the answer to send; thrown by the request checks. */
export class StandinRejection extends Error {
  /** The error body to send. */
  readonly body: ErrorBody;
  constructor(code: number, message: string, details?: unknown[]) {
    super(message);
    this.name = "StandinRejection";
    this.body = buildErrorBody(code, message, details);
  }
  /** The HTTP status to send. */
  get code(): number {
    return this.body.error.code;
  }
}

/**
 * Builds the body of an error answer as the real API shapes it.
 * @param code The HTTP status.
 * @param message What went wrong, for a human.
 * @param details Extra google.rpc detail objects, such as RetryInfo.
 * @returns The error body.
 */
export function buildErrorBody(code: number, message: string, details?: unknown[]): ErrorBody {
  const status = STATUS_NAMES[code] ?? "UNKNOWN";
  return { error: { code, message, status, ...(details ? { details } : {}) } };
}

/**
 * Serialises an error body as Google's front end does: indented by two spaces, ending in a newline.
 * (The SDK re-parses JSON errors, but embeds the text of a streamed call's error as it came.)
 * @param body The error body.
 * @returns The text to send.
 */
export function formatErrorBody(body: ErrorBody): string {
  return `${JSON.stringify(body, null, 2)}\n`;
}

/**
 * Builds the body of an injected fault; a 429 carries Help, QuotaFailure and RetryInfo details,
 * in the order the real API sends them (googleapis/python-genai#2044).
 * @param code The injected status.
 * @param retryDelayMs The real delay the 429 asks for, in milliseconds.
 * @param model The model named in the quota violation.
 * @returns The error body.
 */
export function buildFaultBody(code: FaultStatus, retryDelayMs: number, model = ""): ErrorBody {
  if (code !== 429) return buildErrorBody(code, FAULT_MESSAGES[code]);
  // google.protobuf.Duration in JSON: seconds with an "s" suffix, fractions allowed ("0.1s").
  const retryDelay = `${Number((retryDelayMs / 1000).toFixed(3))}s`;
  const link = { description: "Learn more about Gemini API quotas", url: FAULT_LINK };
  const violation = {
    quotaMetric: "generativelanguage.googleapis.com/generate_content_free_tier_requests",
    quotaId: "GenerateRequestsPerMinutePerProjectPerModel-FreeTier",
    quotaDimensions: { location: "global", model },
  };
  return buildErrorBody(code, FAULT_MESSAGES[429], [
    { "@type": "type.googleapis.com/google.rpc.Help", links: [link] },
    { "@type": "type.googleapis.com/google.rpc.QuotaFailure", violations: [violation] },
    { "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay },
  ]);
}

/**
 * Creates a seeded random source (mulberry32): the same seed gives the same sequence.
 * @param seed Any integer.
 * @returns A function returning numbers in [0, 1).
 */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** What the dice decided for one request. */
export interface FaultDecision {
  /** The status to fail with, or undefined to answer. */
  fail: FaultStatus | undefined;
  /** Whether to answer slowly. */
  slow: boolean;
}

/**
 * Creates the fault dice for one stand-in: requests draw in arrival order from one seeded sequence.
 * @param plan The fractions and statuses to use.
 * @returns A function deciding the fate of the next request.
 */
export function createFaultDice(plan: {
  failRate: number;
  failStatuses: readonly FaultStatus[];
  slowRate: number;
  seed: number;
}): () => FaultDecision {
  const random = createRandom(plan.seed);
  return () => {
    // Always draw three numbers so that turning one fault kind on does not reshuffle the other.
    const [failDraw, statusDraw, slowDraw] = [random(), random(), random()];
    const index = Math.floor(statusDraw * plan.failStatuses.length);
    return {
      fail: failDraw < plan.failRate ? plan.failStatuses[index] : undefined,
      slow: slowDraw < plan.slowRate,
    };
  };
}
