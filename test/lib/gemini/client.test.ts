// geminiClient(), explainGeminiError() and parseGeminiError() against the stand-in, offline and "live".
import assert from "node:assert/strict";
import { ApiError } from "@google/genai";
import {
  explainGeminiError,
  geminiClient,
  parseGeminiError,
  startStandin,
  type GeminiClient,
} from "@async-ts/lib";
import { pinTimeScale, withEnv } from "./helpers.js";

const noKey = { GEMINI_API_KEY: undefined, GOOGLE_API_KEY: undefined, GEMINI_MODEL: undefined };

describe("geminiClient()", () => {
  pinTimeScale();
  let gem: GeminiClient | undefined;
  afterEach(async () => {
    await gem?.close();
    gem = undefined;
  });

  it("runs its documented example offline, with the default model", async () => {
    await withEnv(noKey, async () => {
      gem = await geminiClient({ log: false });
      const response = await gem.ai.models.generateContent({
        model: gem.model,
        contents: "Hello?",
      });
      assert.equal(gem.mode, "offline");
      assert.equal(gem.model, "gemini-flash-lite-latest");
      assert.match(gem.describe(), /^Gemini: offline stand-in .*model gemini-flash-lite-latest$/);
      assert.match(response.text ?? "", /"Hello\?"/);
      assert.equal(gem.standin?.stats.requests, 1);
    });
  });

  it("prints one line naming the mode, and reads GEMINI_MODEL", async () => {
    const lines: unknown[] = [];
    const original = console.log;
    console.log = (...args: unknown[]) => void lines.push(args.join(" "));
    try {
      await withEnv({ ...noKey, GEMINI_MODEL: "gemini-2.5-flash" }, async () => {
        gem = await geminiClient();
      });
    } finally {
      console.log = original;
    }
    assert.deepEqual(lines, [gem?.describe()]);
    assert.equal(gem?.model, "gemini-2.5-flash");
  });

  it("passes stand-in options through, and explains the faults they inject", async () => {
    await withEnv(noKey, async () => {
      gem = await geminiClient({
        log: false,
        standin: { latencyMs: 10, failRate: 1, failStatuses: [503] },
      });
      const call = gem.ai.models.generateContent({ model: gem.model, contents: "Hi" });
      const error = await call.catch((e: unknown) => e);
      assert.ok(error instanceof ApiError && error.status === 503);
      assert.match(
        gem.explain(error),
        /^The service failed \(503 UNAVAILABLE\): a transient error/,
      );
    });
  });

  it("passes a capacity to its stand-in: past it, calls are refused", async () => {
    await withEnv(noKey, async () => {
      gem = await geminiClient({ log: false, standin: { capacity: 1, latencyMs: 300, seed: 2 } });
      const { ai, model } = gem;
      const calls = Array.from({ length: 6 }, () =>
        ai.models.generateContent({ model, contents: "Hi" }).catch((e: unknown) => e),
      );
      const errors = (await Promise.all(calls)).filter((result) => result instanceof ApiError);
      assert.ok(errors.length > 0, "some calls past capacity 1 fail");
      assert.equal(gem.standin?.stats.overloaded, errors.length);
      assert.match(gem.explain(errors[0]), /^(Rate limited \(429|The service failed \(503)/);
    });
  });

  it("closes its stand-in, and a second close is harmless", async () => {
    await withEnv(noKey, async () => {
      gem = await geminiClient({ log: false });
      const url = gem.standin?.url ?? "";
      await gem.close();
      await gem.close();
      await assert.rejects(fetch(url), /fetch failed/);
    });
  });

  it("goes live with GEMINI_API_KEY, honouring GOOGLE_GEMINI_BASE_URL, and never shows the key", async () => {
    // Shaped like an AI Studio key, so the stand-in takes it as the real API would take a live one.
    const secret = "AQ.testOnly_secret_0123456789abcdef";
    const standin = await startStandin({ latencyMs: 10 });
    try {
      await withEnv(
        { ...noKey, GEMINI_API_KEY: secret, GOOGLE_GEMINI_BASE_URL: standin.url },
        async () => {
          gem = await geminiClient({ log: false });
          await gem.ai.models.generateContent({ model: gem.model, contents: "Hi" });
        },
      );
      assert.equal(gem?.mode, "live");
      assert.equal(gem?.standin, undefined);
      assert.equal(standin.stats.byStatus[200], 1);
      assert.match(
        gem?.describe() ?? "",
        /^Gemini: live API via GOOGLE_GEMINI_BASE_URL \(key from GEMINI_API_KEY\)/,
      );
      assert.ok(!JSON.stringify({ ...gem, ai: undefined, d: gem?.describe() }).includes(secret));
    } finally {
      await standin.close();
    }
  });

  it("explains a rejected key in live mode in one line", async () => {
    const standin = await startStandin({ latencyMs: 10 });
    try {
      await withEnv(
        { ...noKey, GOOGLE_API_KEY: "invalid", GOOGLE_GEMINI_BASE_URL: standin.url },
        async () => {
          gem = await geminiClient({ log: false });
          const error = await gem.ai.models
            .generateContent({ model: gem.model, contents: "Hi" })
            .catch((e: unknown) => e);
          const line = explainGeminiError(error, "live");
          assert.match(
            line,
            /^The API rejected GEMINI_API_KEY \(400 INVALID_ARGUMENT, API_KEY_INVALID\): check the key/,
          );
          assert.equal(gem.explain(error), line);
          assert.ok(!line.includes("\n"));
        },
      );
    } finally {
      await standin.close();
    }
  });

  it("rejects bad options by name, and wraps a stand-in failure with its cause", async () => {
    await withEnv(noKey, async () => {
      await assert.rejects(
        geminiClient({ log: "yes" as unknown as boolean }),
        /'log' must be a boolean, got string/,
      );
      const error = await geminiClient({ log: false, standin: { failRate: 2 } }).catch(
        (e: unknown) => e,
      );
      assert.ok(error instanceof Error);
      assert.match(
        error.message,
        /^Cannot create Gemini client: the offline stand-in did not start/,
      );
      assert.ok(error.cause instanceof RangeError && /'failRate'/.test(error.cause.message));
    });
  });
});

describe("parseGeminiError()", () => {
  it("reads code, status, message and retry delay, also from a mid-stream error", () => {
    const body = {
      error: {
        code: 429,
        message: "Slow down",
        status: "RESOURCE_EXHAUSTED",
        details: [{ "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: "1.5s" }],
      },
    };
    const plain = new ApiError({ status: 429, message: JSON.stringify(body) });
    const midStream = new ApiError({
      status: 429,
      message: `got status: RESOURCE_EXHAUSTED. ${JSON.stringify(body)}`,
    });
    // An error answer to a streaming call: the SDK wraps the event-stream body's text once more.
    const wrapped = new ApiError({
      status: 429,
      message: JSON.stringify({
        error: {
          message: `${JSON.stringify(body, null, 2)}\n`,
          code: 429,
          status: "Too Many Requests",
        },
      }),
    });
    const expected = {
      code: 429,
      status: "RESOURCE_EXHAUSTED",
      message: "Slow down",
      retryDelayMs: 1500,
      reason: undefined,
    };
    assert.deepEqual(parseGeminiError(plain), expected);
    assert.deepEqual(parseGeminiError(midStream), expected);
    assert.deepEqual(parseGeminiError(wrapped), expected);
    const html = new ApiError({
      status: 502,
      message: JSON.stringify({
        error: { message: "<html>Bad Gateway</html>", code: 502, status: "Bad Gateway" },
      }),
    });
    assert.deepEqual(parseGeminiError(html), {
      code: 502,
      status: "Bad Gateway",
      message: "<html>Bad Gateway</html>",
      retryDelayMs: undefined,
      reason: undefined,
    });
    assert.equal(parseGeminiError(new Error("other")), undefined);
  });
});

describe("explainGeminiError()", () => {
  const apiError = (code: number, status: string, message: string, details?: unknown[]) =>
    new ApiError({
      status: code,
      message: JSON.stringify({ error: { code, message, status, details } }),
    });

  it("tells a missing key, a bad key and a refused key apart, live and offline", () => {
    const missing = apiError(
      403,
      "PERMISSION_DENIED",
      "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.",
    );
    assert.match(
      explainGeminiError(missing, "live"),
      /^No API key reached the API \(403 PERMISSION_DENIED\): set GEMINI_API_KEY before starting the kernel/,
    );
    assert.match(
      explainGeminiError(missing, "offline"),
      /^No API key reached the stand-in .*STANDIN_API_KEY/,
    );
    const bad = apiError(
      400,
      "INVALID_ARGUMENT",
      "API key not valid. Please pass a valid API key.",
      [{ "@type": "type.googleapis.com/google.rpc.ErrorInfo", reason: "API_KEY_INVALID" }],
    );
    assert.match(
      explainGeminiError(bad, "offline"),
      /^The stand-in rejected the key \(400 INVALID_ARGUMENT, API_KEY_INVALID\)/,
    );
    const refused = apiError(403, "PERMISSION_DENIED", "The caller does not have permission");
    assert.equal(
      explainGeminiError(refused),
      "The API refused this key (403 PERMISSION_DENIED): it is set but not allowed to call this API or model; check its restrictions at https://aistudio.google.com/apikey. The caller does not have permission",
    );
  });

  it("explains an unknown model and a failing service", () => {
    const missing = apiError(
      404,
      "NOT_FOUND",
      "models/lab is not found for API version v1, or is not supported for generateContent.",
    );
    assert.match(
      explainGeminiError(missing),
      /^Not found \(404 NOT_FOUND\): check the model name \(GEMINI_MODEL\); models.list\(\) shows/,
    );
    const overloaded = apiError(
      503,
      "UNAVAILABLE",
      "The model is overloaded. Please try again later.",
    );
    assert.equal(
      explainGeminiError(overloaded),
      "The service failed (503 UNAVAILABLE): a transient error, safe to retry with backoff. The model is overloaded. Please try again later.",
    );
  });

  it("explains rate limits, cancellations and network failures in one line", () => {
    const body = {
      error: {
        code: 429,
        message: "Quota",
        status: "RESOURCE_EXHAUSTED",
        details: [{ "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: "2s" }],
      },
    };
    const limited = explainGeminiError(
      new ApiError({ status: 429, message: JSON.stringify(body) }),
    );
    assert.equal(
      limited,
      "Rate limited (429 RESOURCE_EXHAUSTED): the API refused this call and asks to wait 2 s; slow down or retry with backoff.",
    );
    const aborted = Object.assign(new Error("This operation was aborted"), { name: "AbortError" });
    assert.match(explainGeminiError(aborted), /^The call was cancelled \(AbortError\)/);
    const refused = new TypeError("fetch failed", {
      cause: new Error("connect ECONNREFUSED 127.0.0.1:9"),
    });
    assert.equal(
      explainGeminiError(refused),
      "The call failed before an answer: TypeError: fetch failed (connect ECONNREFUSED 127.0.0.1:9)",
    );
  });
});
