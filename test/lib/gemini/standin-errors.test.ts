// Errors, injected faults, retries and cancellation of the Gemini stand-in, seen through the real SDK.
import assert from "node:assert/strict";
import { ApiError, GoogleGenAI, type HttpOptions } from "@google/genai";
import { parseGeminiError, startStandin, type Standin, type StandinOptions } from "@async-ts/lib";
import { assertTcpClosed, countTcpHandles, pinTimeScale, waitFor } from "./helpers.js";

const model = "gemini-flash-lite-latest";

describe("startStandin(): errors, faults, retries and cancellation", () => {
  pinTimeScale();
  let standin: Standin | undefined;
  afterEach(async () => {
    await standin?.close();
    standin = undefined;
  });

  async function connect(
    options: StandinOptions = {},
    httpOptions: HttpOptions = {},
    apiKey = "test-key",
  ) {
    standin = await startStandin({ latencyMs: 20, streamChunkMs: 10, ...options });
    return new GoogleGenAI({ apiKey, httpOptions: { ...httpOptions, baseUrl: standin.url } });
  }

  /** A cancelled call fails with AbortError at once, and the stand-in lets go of the request. */
  async function assertCancelled(error: unknown, started: number): Promise<void> {
    assert.ok(error instanceof Error && error.name === "AbortError", String(error));
    assert.ok(performance.now() - started < 1000);
    assert.ok(
      await waitFor(() => standin?.stats.inFlight === 0),
      "the stand-in still holds the request",
    );
  }

  async function rejection(promise: Promise<unknown>): Promise<ApiError> {
    const error = await promise.then(
      () => assert.fail("expected the call to fail"),
      (error: unknown) => error,
    );
    assert.ok(error instanceof ApiError, `expected an ApiError, got ${String(error)}`);
    return error;
  }

  it("answers a request without x-goog-api-key with 401 UNAUTHENTICATED", async () => {
    const stripKey: typeof fetch = (input, init) => {
      const headers = new Headers(init?.headers);
      headers.delete("x-goog-api-key");
      return fetch(input, { ...init, headers });
    };
    const ai = await connect({}, { fetch: stripKey });
    const error = await rejection(ai.models.generateContent({ model, contents: "Hi" }));
    assert.equal(error.status, 401);
    assert.match(error.message, /"status":"UNAUTHENTICATED"/);
  });

  it("answers a rejected key with 403 PERMISSION_DENIED", async () => {
    const ai = await connect({ rejectKeys: ["revoked"] }, {}, "revoked");
    const error = await rejection(ai.models.generateContent({ model, contents: "Hi" }));
    assert.equal(error.status, 403);
    assert.match(error.message, /"status":"PERMISSION_DENIED".*API_KEY_INVALID/);
  });

  it("answers a malformed body with 400 INVALID_ARGUMENT", async () => {
    const spoilBody: typeof fetch = (input, init) =>
      fetch(input, { ...init, body: JSON.stringify({ contents: "not a list" }) });
    const ai = await connect({}, { fetch: spoilBody });
    const error = await rejection(ai.models.generateContent({ model, contents: "Hi" }));
    assert.equal(error.status, 400);
    assert.match(error.message, /contents must be a list.*"status":"INVALID_ARGUMENT"/);
    const raw = await fetch(`${standin?.url}/v1beta/models/${model}:countTokens`, {
      method: "POST",
      headers: { "x-goog-api-key": "test-key" },
      body: "{not json",
    });
    assert.equal(raw.status, 400);
    assert.match(await raw.text(), /Invalid JSON payload received/);
  });

  it("answers an unknown path with 404 NOT_FOUND", async () => {
    const ai = await connect();
    const error = await rejection(ai.models.list());
    assert.equal(error.status, 404);
    assert.match(error.message, /GET \/v1beta\/models.*"status":"NOT_FOUND"/);
  });

  it("injects 429 RESOURCE_EXHAUSTED with a RetryInfo delay", async () => {
    const ai = await connect({ failRate: 1, failStatuses: [429] });
    const error = await rejection(ai.models.generateContent({ model, contents: "Hi" }));
    assert.equal(error.status, 429);
    assert.match(
      error.message,
      /"@type":"type.googleapis.com\/google.rpc.RetryInfo","retryDelay":"2s"/,
    );
    assert.equal(parseGeminiError(error)?.retryDelayMs, 2000);
    assert.equal(standin?.stats.faults, 1);
  });

  it("injects 500 and 503 as seeded fractions, the same for the same seed", async () => {
    const outcomes = async () => {
      const ai = await connect({ failRate: 0.5, failStatuses: [500, 503], seed: 42 });
      const statuses = [];
      for (let i = 0; i < 20; i++) {
        const call = ai.models.generateContent({ model, contents: "Hi" });
        statuses.push(
          await call.then(
            () => 200,
            (error: ApiError) => error.status,
          ),
        );
      }
      await standin?.close();
      return statuses;
    };
    const first = await outcomes();
    assert.deepEqual(await outcomes(), first);
    assert.ok(first.includes(200) && first.includes(500) && first.includes(503), first.join());
  });

  it("lets httpOptions.retryOptions recover every call under injected faults", async () => {
    const retryOptions = { attempts: 20, initialDelay: 0.005, maxDelay: 0.02 };
    const ai = await connect(
      { failRate: 0.4, failStatuses: [429, 500, 503], seed: 7 },
      { retryOptions },
    );
    const calls = Array.from({ length: 30 }, (_, i) =>
      ai.models.generateContent({ model, contents: `Q${i}` }),
    );
    const responses = await Promise.all(calls);
    assert.equal(responses.filter((response) => response.text).length, 30);
    assert.ok((standin?.stats.faults ?? 0) >= 5, `only ${standin?.stats.faults} faults injected`);
    assert.equal(standin?.stats.requests, 30 + (standin?.stats.faults ?? 0));
  });

  it("surfaces a fault in a stream as an ApiError", async () => {
    const ai = await connect({ failRate: 1, failStatuses: [503] });
    const stream = ai.models.generateContentStream({ model, contents: "Hi" });
    const error = await rejection(stream);
    assert.equal(error.status, 503);
  });

  it("cancels a slow call on config.abortSignal, leaving nothing running", async () => {
    const handlesBefore = countTcpHandles();
    const ai = await connect({ slowRate: 1, slowMs: 60_000 });
    const started = performance.now();
    const abortSignal = AbortSignal.timeout(100);
    const error = await ai.models
      .generateContent({ model, contents: "Hi", config: { abortSignal } })
      .catch((e: unknown) => e);
    await assertCancelled(error, started);
    assert.equal(standin?.stats.aborted, 1);
    await standin?.close();
    await assertTcpClosed(handlesBefore);
  });

  it("cancels a slow call on httpOptions.timeout, leaving nothing running", async () => {
    const handlesBefore = countTcpHandles();
    const ai = await connect({ slowRate: 1, slowMs: 60_000 }, { timeout: 100 });
    const started = performance.now();
    const error = await ai.models
      .generateContent({ model, contents: "Hi" })
      .catch((e: unknown) => e);
    await assertCancelled(error, started);
    await standin?.close();
    await assertTcpClosed(handlesBefore);
  });

  it("closes with requests pending, ending their sockets and timers", async () => {
    const handlesBefore = countTcpHandles();
    const ai = await connect({ latencyMs: 60_000 });
    const calls = Array.from({ length: 3 }, () =>
      ai.models.generateContent({ model, contents: "Hi" }).catch((e: unknown) => e),
    );
    assert.ok(await waitFor(() => standin?.stats.inFlight === 3));
    const started = performance.now();
    await standin?.close();
    await standin?.close();
    const errors = await Promise.all(calls);
    assert.ok(performance.now() - started < 1000);
    assert.ok(
      errors.every((error) => error instanceof Error),
      "pending calls must fail",
    );
    assert.equal(standin?.stats.inFlight, 0);
    await assertTcpClosed(handlesBefore);
  });

  it("rejects bad options by name and value, without throwing synchronously", async () => {
    const pending = startStandin({ failRate: 2 });
    assert.ok(pending instanceof Promise);
    await assert.rejects(pending, {
      name: "RangeError",
      message: "Cannot start stand-in: 'failRate' must be between 0 and 1, got 2",
    });
    await assert.rejects(
      startStandin({ failStatuses: [418 as 429] }),
      /'failStatuses' may only hold 429, 500, 503, 504, got 418/,
    );
    await assert.rejects(
      startStandin({ port: -1 }),
      /'port' must be an integer from 0 to 65535, got -1/,
    );
  });

  it("names the port when it is already in use, keeping the cause", async () => {
    standin = await startStandin();
    const error = await startStandin({ port: standin.port }).catch((e: unknown) => e);
    assert.ok(error instanceof Error);
    assert.match(error.message, new RegExp(`port ${standin.port} on 127.0.0.1 is already in use`));
    assert.equal((error.cause as NodeJS.ErrnoException).code, "EADDRINUSE");
  });
});
