// Shared test helpers for the Gemini tests: a stand-in per test, time scale pinning, polling, handle
// counting.
import assert from "node:assert/strict";
import { GoogleGenAI, type HttpOptions } from "@google/genai";
import { startStandin, TIME_SCALE_ENV, type Standin, type StandinOptions } from "@async-ts/lib";

/** Pins the time scale to 1 for a describe block, restoring the previous value afterwards. */
export function pinTimeScale(): void {
  let previous: string | undefined;
  before(() => {
    previous = process.env[TIME_SCALE_ENV];
    process.env[TIME_SCALE_ENV] = "1";
  });
  after(() => {
    if (previous === undefined) delete process.env[TIME_SCALE_ENV];
    else process.env[TIME_SCALE_ENV] = previous;
  });
}

/** Polls `check` every 10 ms until it holds or `ms` pass; returns whether it held. */
export async function waitFor(check: () => boolean, ms = 2000): Promise<boolean> {
  const deadline = performance.now() + ms;
  while (!check()) {
    if (performance.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return true;
}

/** Counts the process's open TCP servers and sockets. */
export function countTcpHandles(): number {
  return process.getActiveResourcesInfo().filter((name) => name.startsWith("TCP")).length;
}

/** Asserts that every TCP server and socket opened since `before` (a countTcpHandles()) closes within 2 s. */
export async function assertTcpClosed(before: number): Promise<void> {
  assert.ok(await waitFor(() => countTcpHandles() <= before), "a socket or server is still open");
}

/** Runs `body` with environment variables set (undefined deletes), restoring them afterwards. */
export async function withEnv<T>(
  vars: Record<string, string | undefined>,
  body: () => Promise<T>,
): Promise<T> {
  const saved = Object.fromEntries(Object.keys(vars).map((name) => [name, process.env[name]]));
  const apply = (values: Record<string, string | undefined>) => {
    for (const [name, value] of Object.entries(values)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
  apply(vars);
  try {
    return await body();
  } finally {
    apply(saved);
  }
}

/** What {@link useStandin} gives a describe block. */
export interface StandinFixture {
  /** The stand-in the running test started, closed after each test. */
  standin: Standin | undefined;
  /** Starts a stand-in (20 ms latency, 10 ms stream chunks unless `options` say otherwise) and a real SDK client for it. */
  connect: (options?: StandinOptions, httpOptions?: HttpOptions) => Promise<GoogleGenAI>;
}

/** Registers a describe block's stand-in hooks: the time scale pinned to 1, the stand-in closed after each test. */
export function useStandin(): StandinFixture {
  pinTimeScale();
  const fixture: StandinFixture = {
    standin: undefined,
    connect: async (options = {}, httpOptions = {}) => {
      const standin = await startStandin({ latencyMs: 20, streamChunkMs: 10, ...options });
      fixture.standin = standin;
      return new GoogleGenAI({
        apiKey: standin.apiKey,
        httpOptions: { ...httpOptions, baseUrl: standin.url },
      });
    },
  };
  afterEach(async () => {
    await fixture.standin?.close();
    fixture.standin = undefined;
  });
  return fixture;
}
