// Errors, injected faults, retries and cancellation of the Gemini stand-in, seen through the real SDK.
import assert from "node:assert/strict";
import { ApiError } from "@google/genai";
import { parseGeminiError, startStandin } from "@async-ts/lib";
import { assertTcpClosed, countTcpHandles, useStandin, waitFor } from "./helpers.js";

const model = "gemini-flash-lite-latest";

describe("startStandin(): errors, faults, retries and cancellation", () => {
  const fixture = useStandin();
  const connect = fixture.connect;

  /** A cancelled call fails with AbortError at once, and the stand-in lets go of the request. */
  async function assertCancelled(error: unknown, started: number): Promise<void> {
    assert.ok(error instanceof Error && error.name === "AbortError", String(error));
    assert.ok(performance.now() - started < 1000);
    assert.ok(
      await waitFor(() => fixture.standin?.stats.inFlight === 0),
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

  it("injects 429 RESOURCE_EXHAUSTED with a RetryInfo delay", async () => {
    const ai = await connect({ failRate: 1, failStatuses: [429] });
    const error = await rejection(ai.models.generateContent({ model, contents: "Hi" }));
    assert.equal(error.status, 429);
    assert.match(
      error.message,
      /"@type":"type.googleapis.com\/google.rpc.RetryInfo","retryDelay":"2s"/,
    );
    assert.equal(parseGeminiError(error)?.retryDelayMs, 2000);
    assert.equal(fixture.standin?.stats.faults, 1);
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
      await fixture.standin?.close();
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
    assert.ok(
      (fixture.standin?.stats.faults ?? 0) >= 5,
      `only ${fixture.standin?.stats.faults} faults injected`,
    );
    assert.equal(fixture.standin?.stats.requests, 30 + (fixture.standin?.stats.faults ?? 0));
  });

  it("sends a fault on a streaming call as text/event-stream; parseGeminiError still reads it", async () => {
    const ai = await connect({ failRate: 1, failStatuses: [429], retryDelayMs: 1500 });
    const error = await rejection(ai.models.generateContentStream({ model, contents: "Hi" }));
    assert.equal(error.status, 429);
    // The SDK wraps the event-stream body's text in a second error object.
    assert.match(error.message, /^\{"error":\{"message":"\{\\n {2}\\"error\\": \{/);
    assert.match(error.message, /"status":"Too Many Requests"\}\}$/);
    const info = parseGeminiError(error);
    assert.equal(info?.status, "RESOURCE_EXHAUSTED");
    assert.equal(info?.retryDelayMs, 1500);
    assert.match(info?.message ?? "", /^You exceeded your current quota/);
  });

  it("fails a stream partway with midStreamFailRate, after delivering its first chunks", async () => {
    const ai = await connect({ midStreamFailRate: 1, failStatuses: [503] });
    const contents = "What is the event loop?";
    const whole = await ai.models.generateContent({ model, contents });
    const texts: string[] = [];
    const error = await (async () => {
      for await (const chunk of await ai.models.generateContentStream({ model, contents }))
        texts.push(chunk.text ?? "");
    })().then(
      () => assert.fail("expected the stream to fail"),
      (error: unknown) => error,
    );
    assert.ok(error instanceof ApiError && error.status === 503, String(error));
    assert.match(error.message, /^got status: UNAVAILABLE\. /);
    assert.equal(parseGeminiError(error)?.status, "UNAVAILABLE");
    assert.ok(texts.length >= 1, "chunks before the fault arrive");
    assert.ok((whole.text ?? "").startsWith(texts.join("")));
    assert.ok(texts.join("").length < (whole.text ?? "").length, "the fault cut the answer");
    assert.equal(fixture.standin?.stats.faults, 1);
    assert.equal(fixture.standin?.stats.byStatus[200], 2, "a mid-stream fault comes under a 200");
  });

  it("injects mid-stream 429s that carry a RetryInfo delay", async () => {
    const ai = await connect({ midStreamFailRate: 1, failStatuses: [429], retryDelayMs: 700 });
    const stream = await ai.models.generateContentStream({ model, contents: "Explain streams." });
    const error = await (async () => {
      for await (const chunk of stream) assert.ok(chunk);
    })().catch((e: unknown) => e);
    assert.equal(parseGeminiError(error)?.retryDelayMs, 700);
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
    assert.equal(fixture.standin?.stats.aborted, 1);
    await fixture.standin?.close();
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
    await fixture.standin?.close();
    await assertTcpClosed(handlesBefore);
  });

  it("closes with requests pending, ending their sockets and timers", async () => {
    const handlesBefore = countTcpHandles();
    const ai = await connect({ latencyMs: 60_000 });
    const calls = Array.from({ length: 3 }, () =>
      ai.models.generateContent({ model, contents: "Hi" }).catch((e: unknown) => e),
    );
    assert.ok(await waitFor(() => fixture.standin?.stats.inFlight === 3));
    const started = performance.now();
    await fixture.standin?.close();
    await fixture.standin?.close();
    const errors = await Promise.all(calls);
    assert.ok(performance.now() - started < 1000);
    assert.ok(
      errors.every((error) => error instanceof Error),
      "pending calls must fail",
    );
    assert.equal(fixture.standin?.stats.inFlight, 0);
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
    await assert.rejects(
      startStandin({ capacity: 0 }),
      /'capacity' must be an integer >= 1, or Infinity, got 0/,
    );
    await assert.rejects(
      startStandin({ midStreamFailRate: -0.5 }),
      /'midStreamFailRate' must be between 0 and 1, got -0.5/,
    );
    await assert.rejects(
      startStandin({ apiKeys: "offline" as unknown as string[] }),
      /'apiKeys' must be a list of strings, got "offline"/,
    );
  });

  it("names the port when it is already in use, keeping the cause", async () => {
    fixture.standin = await startStandin();
    const error = await startStandin({ port: fixture.standin.port }).catch((e: unknown) => e);
    assert.ok(error instanceof Error);
    assert.match(
      error.message,
      new RegExp(`port ${fixture.standin.port} on 127.0.0.1 is already in use`),
    );
    assert.equal((error.cause as NodeJS.ErrnoException).code, "EADDRINUSE");
  });
});
