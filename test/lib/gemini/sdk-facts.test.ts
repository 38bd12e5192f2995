// What @google/genai 3.x sends and does, as the course's notebooks state it, checked against the stand-in.
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { GoogleGenAI, type HttpOptions } from "@google/genai";
import { readFileSync } from "node:fs";
import {
  STANDIN_API_KEY,
  geminiSdkVersion,
  parseGeminiError,
  startStandin,
  type Standin,
  type StandinOptions,
} from "@async-ts/lib";
import { pinTimeScale, withEnv } from "./helpers.js";

const model = "gemini-flash-lite-latest";

/** The error a call rejects with; fails the test when the call succeeds. */
const failure = (call: Promise<unknown>): Promise<Error> =>
  call.then(
    () => assert.fail("expected the call to fail"),
    (error: unknown) => error as Error,
  );

describe("@google/genai 3.x against startStandin()", () => {
  pinTimeScale();
  let standin: Standin | undefined;
  const paths: string[] = [];
  afterEach(async () => {
    await standin?.close();
    standin = undefined;
    paths.length = 0;
  });

  async function connect(options: StandinOptions = {}, httpOptions: HttpOptions = {}) {
    standin = await startStandin({
      latencyMs: 20,
      onRequest: (entry) => paths.push(entry.path),
      ...options,
    });
    return new GoogleGenAI({
      apiKey: STANDIN_API_KEY,
      httpOptions: { ...httpOptions, baseUrl: standin.url },
    });
  }

  it("calls API version v1 by default; the stand-in answers in the version the path names", async () => {
    const ai = await connect();
    await ai.models.generateContent({ model, contents: "Hi" });
    const missing = await ai.models
      .generateContent({ model: "gemini-1.5-flash", contents: "Hi" })
      .then(
        () => undefined,
        (error: unknown) => parseGeminiError(error),
      );
    const beta = new GoogleGenAI({
      apiKey: STANDIN_API_KEY,
      httpOptions: { baseUrl: standin?.url, apiVersion: "v1beta" },
    });
    const missingBeta = await beta.models
      .generateContent({ model: "gemini-1.5-flash", contents: "Hi" })
      .then(
        () => undefined,
        (error: unknown) => parseGeminiError(error),
      );
    assert.deepEqual(paths.slice(0, 2), [
      `/v1/models/${model}:generateContent`,
      "/v1/models/gemini-1.5-flash:generateContent",
    ]);
    assert.match(missing?.message ?? "", /not found for API version v1, /);
    assert.match(missingBeta?.message ?? "", /not found for API version v1beta, /);
  });

  it("names proto types in the path's version, and honours GOOGLE_GENAI_API_VERSION=beta", async () => {
    await connect();
    const typeIn = async (version: string) => {
      const response = await fetch(`${standin?.url}/${version}/models/${model}:generateContent`, {
        method: "POST",
        headers: { "x-goog-api-key": STANDIN_API_KEY, "content-type": "application/json" },
        body: JSON.stringify({ contents: "not a list" }),
      });
      return /\((\S+)\)/.exec(
        ((await response.json()) as { error: { message: string } }).error.message,
      )?.[1];
    };
    assert.equal(await typeIn("v1"), "type.googleapis.com/google.ai.generativelanguage.v1.Content");
    assert.equal(
      await typeIn("v1beta"),
      "type.googleapis.com/google.ai.generativelanguage.v1beta.Content",
    );
    await withEnv({ GOOGLE_GENAI_API_VERSION: "beta" }, async () => {
      const ai = new GoogleGenAI({
        apiKey: STANDIN_API_KEY,
        httpOptions: { baseUrl: standin?.url },
      });
      await ai.models.countTokens({ model, contents: "Hi" });
    });
    assert.equal(paths.at(-1), `/v1beta/models/${model}:countTokens`);
  });

  it("retries an attempt that httpOptions.timeout cut, but not a caller's abort", async () => {
    const retryOptions = { attempts: 3, initialDelay: 0.01, maxDelay: 0.02 };
    const ai = await connect({ slowRate: 1, slowMs: 60_000 }, { timeout: 100, retryOptions });
    const timedOut = await failure(ai.models.generateContent({ model, contents: "Hi" }));
    assert.equal(timedOut.name, "AbortError");
    assert.equal(standin?.stats.requests, 3, "each of the 3 attempts had its own 100 ms");
    const abortSignal = AbortSignal.timeout(50);
    const aborted = await failure(
      ai.models.generateContent({ model, contents: "Hi", config: { abortSignal } }),
    );
    assert.equal(aborted.name, "AbortError");
    assert.equal(standin?.stats.requests, 4, "an abort is never retried");
  });

  it("never retries a connection reset: fetch's TypeError has no HTTP status", async () => {
    let hits = 0;
    const server: Server = createServer((request) => {
      hits++;
      request.socket.destroy();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const ai = new GoogleGenAI({
        apiKey: STANDIN_API_KEY,
        httpOptions: { baseUrl: `http://127.0.0.1:${port}`, retryOptions: { attempts: 5 } },
      });
      const error = await failure(ai.models.generateContent({ model, contents: "Hi" }));
      assert.equal(error.name, "TypeError");
      assert.equal(error.message, "fetch failed");
      assert.equal(hits, 1, "attempts: 5, yet one request");
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("geminiSdkVersion() names the installed 3.x release, as npm ls does", () => {
    const manifest = "node_modules/@google/genai/package.json";
    const { version } = JSON.parse(readFileSync(manifest, "utf8")) as { version: string };
    assert.equal(geminiSdkVersion(), version);
    assert.match(geminiSdkVersion(), /^3\.\d+\.\d+$/);
  });
});
