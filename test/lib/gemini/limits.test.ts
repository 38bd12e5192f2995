// The stand-in's capacity (load-dependent latency and 429/503) and sweepConcurrencyLimits(), the
// measurement that shows why a client limits its concurrency.
import assert from "node:assert/strict";
import { ApiError, GoogleGenAI } from "@google/genai";
import { startStandin, sweepConcurrencyLimits, table } from "@async-ts/lib";
import { pinTimeScale } from "./helpers.js";

const model = "gemini-flash-lite-latest";

/**
 * Sends `count` calls at once; returns each one's status (200 when it succeeded) and how long the
 * stand-in took over it (measured at the server, so a busy client does not blur it).
 */
async function burst(options: {
  capacity: number;
  count: number;
  latencyMs: number;
  seed?: number;
}) {
  const served: { status: number; ms: number }[] = [];
  const standin = await startStandin({ ...options, onRequest: (entry) => served.push(entry) });
  try {
    const ai = new GoogleGenAI({ apiKey: standin.apiKey, httpOptions: { baseUrl: standin.url } });
    const statuses = await Promise.all(
      Array.from({ length: options.count }, (_, i) =>
        ai.models.generateContent({ model, contents: `Q${i}` }).then(
          () => 200,
          (error: unknown) => (error instanceof ApiError ? error.status : 0),
        ),
      ),
    );
    return { statuses, served, stats: { ...standin.stats } };
  } finally {
    await standin.close();
  }
}

describe("startStandin({ capacity })", () => {
  pinTimeScale();

  it("serves up to 'capacity' requests in flight at full speed, with no errors", async () => {
    const { statuses, served, stats } = await burst({ capacity: 8, count: 8, latencyMs: 300 });
    assert.deepEqual(statuses, Array(8).fill(200));
    assert.equal(stats.overloaded, 0);
    // Generous: a loaded machine fires timers late, but a slowdown by load would be 2x and more.
    const slowest = Math.max(...served.map((entry) => entry.ms));
    assert.ok(slowest < 300 * 3, `slowest took ${slowest.toFixed(0)} ms at the stand-in`);
  });

  it("past capacity, slows the calls it serves and refuses others with 429 or 503, the same each run", async () => {
    const options = { capacity: 4, count: 16, latencyMs: 600, seed: 3 };
    const first = await burst(options);
    const statuses = first.statuses;
    assert.ok(statuses.includes(429) && statuses.includes(503), statuses.join());
    assert.equal(first.stats.overloaded, statuses.filter((status) => status !== 200).length);
    const served = first.served.filter((entry) => entry.status === 200);
    const slowest = Math.max(...served.map((entry) => entry.ms));
    assert.ok(slowest > 600 * 1.5, `served calls should slow down, slowest ${slowest} ms`);
    const refused = first.served.filter((entry) => entry.status !== 200);
    assert.ok(
      refused.every((entry) => entry.ms < 1000),
      "a refusal comes quickly",
    );
    const again = (await burst(options)).statuses;
    const count = (list: number[], status: number) => list.filter((s) => s === status).length;
    for (const status of [200, 429, 503]) {
      // The same load gives the same answers; a call or two may land at another load on a busy machine.
      const drift = Math.abs(count(again, status) - count(statuses, status));
      assert.ok(drift <= 2, `${status}: ${statuses.join()} vs ${again.join()}`);
    }
  });
});

describe("sweepConcurrencyLimits()", () => {
  pinTimeScale();

  it("runs its documented example", async () => {
    const rows = await sweepConcurrencyLimits({
      limits: [4, 8, 16],
      requests: 32,
      standin: { capacity: 8, latencyMs: 200 },
    });
    table(rows);
    assert.deepEqual(
      rows.map((row) => row.limit),
      [4, 8, 16],
    );
  });

  it("shows a knee at the capacity: no errors up to it, many past it, no more throughput", async () => {
    const rows = await sweepConcurrencyLimits({
      limits: [4, 8, 32],
      requests: 32,
      // A latency long against the client's own overhead, so that 32 calls really are in flight.
      standin: { capacity: 8, latencyMs: 600 },
    });
    const [four, eight, thirtyTwo] = rows;
    assert.ok(four && eight && thirtyTwo);
    assert.equal(four.errorRate, 0);
    assert.ok(eight.errorRate <= 0.05, `limit 8: error rate ${eight.errorRate}`);
    assert.ok(eight.throughput > four.throughput * 1.4, "below the knee, more concurrency pays");
    assert.ok(thirtyTwo.errorRate >= 0.3, `limit 32: error rate ${thirtyTwo.errorRate}`);
    assert.ok(thirtyTwo.throughput < eight.throughput * 1.5, "past the knee, it does not");
    assert.ok((thirtyTwo.failures[429] ?? 0) > 0 && (thirtyTwo.failures[503] ?? 0) > 0);
  });

  it("rejects bad limits by name", async () => {
    await assert.rejects(
      sweepConcurrencyLimits({ limits: [0] }),
      /'limits' must be a non-empty list of integers >= 1, got \[0\]/,
    );
    await assert.rejects(
      sweepConcurrencyLimits({ limits: [1], requests: 0 }),
      /'requests' must be an integer >= 1, got 0/,
    );
  });
});
