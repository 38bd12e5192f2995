import assert from "node:assert/strict";
import { AsyncLocalStorage } from "node:async_hooks";
import { retry, RetryError, Timeline, type AttemptInfo } from "@async-ts/lib";
import { activeTimers, since, useTimeScale } from "../helpers.js";

/** Fails `failures` times with the given error, then returns "ok". */
function flaky(failures: number, error = (n: number) => new Error(`fail ${n}`)) {
  let calls = 0;
  const fn = (): Promise<string> => {
    calls++;
    return calls <= failures ? Promise.reject(error(calls)) : Promise.resolve("ok");
  };
  return { fn, calls: () => calls };
}

describe("retry()", () => {
  useTimeScale(0.01);

  it("runs its documented example: succeeds after transient failures", async () => {
    const { fn: fetchFlaky, calls } = flaky(2);
    const page = await retry(() => fetchFlaky(), { attempts: 4, baseMs: 200 });
    assert.equal(page, "ok");
    assert.equal(calls(), 3);
  });

  it("waits with capped exponential backoff and full jitter", async () => {
    const seen: AttemptInfo[] = [];
    const { fn } = flaky(4);
    await retry(fn, {
      attempts: 5,
      baseMs: 100,
      capMs: 300,
      random: () => 0.5,
      onAttempt: (i) => seen.push(i),
    });
    assert.deepEqual(
      seen.map((i) => i.delayMs),
      [50, 100, 150, 150, undefined], // 0.5 × min(300, 100·2^(n-1))
    );
  });

  it("gives up after 'attempts' with a RetryError whose cause is the last error", async () => {
    const { fn, calls } = flaky(10);
    const error = await retry(fn, { attempts: 3, baseMs: 10 }).catch((e: unknown) => e);
    assert.ok(error instanceof RetryError);
    assert.equal(error.message, "Gave up after 3 attempts: fail 3");
    assert.equal((error.cause as Error).message, "fail 3");
    assert.equal(error.errors.length, 3);
    assert.equal(calls(), 3);
  });

  it("rethrows a non-retryable error unchanged at once", async () => {
    const fatal = new Error("404");
    const { fn, calls } = flaky(5, () => fatal);
    await assert.rejects(retry(fn, { retryable: (e) => e !== fatal }), (e) => e === fatal);
    assert.equal(calls(), 1);
  });

  it("honours the server's retry delay over backoff", async () => {
    const { fn } = flaky(1, () => Object.assign(new Error("429"), { retryAfter: 2000 }));
    const start = performance.now();
    const seen: AttemptInfo[] = [];
    await retry(fn, {
      baseMs: 1,
      retryAfterMs: (e) => (e as { retryAfter?: number }).retryAfter,
      onAttempt: (i) => seen.push(i),
    });
    assert.equal(seen[0]?.delayMs, 2000);
    assert.ok(since(start) >= 19, `waited ${since(start)} ms (2000 guide ms at 0.01)`);
  });

  it("stops at once on abort with signal.reason and leaves no timer", async () => {
    const before = await activeTimers();
    const controller = new AbortController();
    const { fn, calls } = flaky(10);
    const reason = new Error("user gave up");
    const running = retry(fn, {
      attempts: 10,
      baseMs: 100_000,
      random: () => 0.99,
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(reason), 20);
    const start = performance.now();
    await assert.rejects(running, (e) => e === reason);
    assert.ok(since(start) < 500, `took ${since(start)} ms`);
    assert.equal(calls(), 1);
    assert.equal(await activeTimers(), before);
  });

  it("records attempts on a timeline", async () => {
    const tl = new Timeline();
    await retry(flaky(2).fn, { timeline: tl, name: "GET", baseMs: 10 });
    assert.deepEqual(
      tl.spans.map((s) => `${s.name}:${s.status}`),
      ["GET 1:retry", "GET 2:retry", "GET 3:ok"],
    );
  });

  it("calls every attempt and every callback in the caller's async context", async () => {
    const store = new AsyncLocalStorage<string>();
    const seen: string[] = [];
    const note = (where: string): void => void seen.push(`${store.getStore()}:${where}`);
    const call = (id: string): Promise<string> =>
      store.run(id, () =>
        retry(
          (attempt) => {
            note(`attempt ${attempt}`);
            return attempt < 3 ? Promise.reject(new Error("flaky")) : "ok";
          },
          {
            baseMs: 50,
            retryable: () => (note("retryable"), true),
            onAttempt: (info) => note(`heard ${info.attempt}`),
          },
        ),
      );
    await Promise.all([call("a"), call("b")]);
    for (const id of ["a", "b"]) {
      assert.deepEqual(
        seen.filter((s) => s.startsWith(`${id}:`)),
        [1, 2, 3].flatMap((n) =>
          n < 3
            ? [`${id}:attempt ${n}`, `${id}:retryable`, `${id}:heard ${n}`]
            : [`${id}:attempt ${n}`, `${id}:heard ${n}`],
        ),
      );
    }
    assert.equal(seen.length, 16);
  });

  it("keeps every attempt's error, and the last as the RetryError's cause, unchanged", async () => {
    const errors = [1, 2].map((n) => new Error(`fail ${n}`, { cause: new Error(`root ${n}`) }));
    const error = await retry((attempt) => Promise.reject(errors[attempt - 1]!), {
      attempts: 2,
      baseMs: 1,
    }).catch((e: unknown) => e);
    assert.ok(error instanceof RetryError);
    assert.equal(error.cause, errors[1]);
    assert.equal((error.cause as Error).cause, errors[1]!.cause);
    assert.deepEqual(error.errors, errors);
  });

  it("rejects bad options with the value named", async () => {
    await assert.rejects(
      retry(() => 1, { attempts: 0 }),
      { message: "Cannot retry: 'attempts' must be an integer >= 1, got 0" },
    );
    await assert.rejects(
      retry(() => 1, { baseMs: -1 }),
      { message: /'baseMs' must be a finite number >= 0, got -1/ },
    );
  });
});
