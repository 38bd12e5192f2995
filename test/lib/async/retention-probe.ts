// Counts what the async helpers keep alive after their tasks settle; run by retention.test.ts as
// `node --expose-gc --import tsx test/lib/async/retention-probe.ts`, prints one JSON object.
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { createPool, limiter, retry, sleep, withTimeout } from "@async-ts/lib";

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) {
  console.error("retention-probe: run with node --expose-gc");
  process.exit(2);
}

const TASKS = 500;
const tasks = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "../../fixtures/pool-tasks.mjs",
);

/** A payload worth tracking: the test asks whether the helper still references it. */
function payloads(count: number): {
  objects: { id: number; data: number[] }[];
  refs: WeakRef<object>[];
} {
  const objects = Array.from({ length: count }, (_, id) => ({ id, data: [id, id, id] }));
  return { objects, refs: objects.map((o) => new WeakRef(o)) };
}

/** How many of `refs` survive full collections (WeakRefs only clear in a later task). */
async function survivors(refs: WeakRef<object>[]): Promise<number> {
  for (let i = 0; i < 4; i++) {
    await new Promise((resolve) => setImmediate(resolve));
    gc!();
  }
  return refs.filter((ref) => ref.deref() !== undefined).length;
}

let release: () => void = () => {};
const blocker = (): Promise<void> => new Promise<void>((resolve) => (release = resolve));

// Each check builds its tasks inside a function, so only the helper can keep them alive; the
// helper itself (limiter, signal, pool) is returned and stays referenced until after counting.
type Check = () => Promise<{ refs: WeakRef<object>[]; keep: unknown; close?: () => Promise<void> }>;
const checks: Record<string, Check> = {
  async "limiter: finished tasks"() {
    const limit = limiter(1);
    const { objects, refs } = payloads(TASKS);
    await Promise.all(
      objects.map((o) => limit((arg: typeof o) => Promise.resolve({ echo: arg }), o)),
    );
    return { refs, keep: limit };
  },
  async "limiter: finished tasks with a long-lived signal"() {
    const limit = limiter(1);
    const signal = new AbortController().signal;
    const { objects, refs } = payloads(TASKS);
    await Promise.all(
      objects.map((o) => limit.withSignal(signal, (arg) => Promise.resolve(arg), o)),
    );
    return { refs, keep: [limit, signal] };
  },
  async "limiter: aborted tasks, still behind a running one"() {
    const limit = limiter(1);
    const running = limit(blocker);
    const controller = new AbortController();
    const { objects, refs } = payloads(TASKS);
    const waiting = objects.map((o) =>
      limit.withSignal(controller.signal, (arg) => Promise.resolve(arg), o),
    );
    controller.abort(new Error("not needed"));
    await Promise.allSettled(waiting);
    return { refs, keep: [limit, controller, running] };
  },
  async "limiter: cleared tasks (left pending, as in p-limit)"() {
    const limit = limiter(1);
    const running = limit(blocker);
    const signal = new AbortController().signal;
    const { objects, refs } = payloads(TASKS);
    for (const o of objects) void limit.withSignal(signal, (arg) => Promise.resolve(arg), o);
    limit.clearQueue();
    await sleep(0);
    return { refs, keep: [limit, signal, running] };
  },
  async "withTimeout: settled calls with a long-lived outer signal"() {
    const signal = new AbortController().signal;
    const { objects, refs } = payloads(TASKS);
    await Promise.all(
      objects.map((o) => withTimeout(() => Promise.resolve({ echo: o }), 60_000, { signal })),
    );
    return { refs, keep: signal };
  },
  async "withTimeout: settled calls whose work left a listener on its signal"() {
    const signal = new AbortController().signal;
    const { objects, refs } = payloads(TASKS);
    const work = (o: object) => (inner: AbortSignal) => {
      inner.addEventListener("abort", () => o); // never removed: a careless piece of work
      return Promise.resolve(o);
    };
    await Promise.all(objects.map((o) => withTimeout(work(o), 60_000, { signal })));
    return { refs, keep: signal };
  },
  async "withTimeout: timed-out calls whose work never settles"() {
    const signal = new AbortController().signal;
    const { objects, refs } = payloads(TASKS);
    await Promise.allSettled(
      objects.map((o) =>
        withTimeout(() => new Promise<never>(() => {}).finally(() => o), 1, { signal }),
      ),
    );
    return { refs, keep: signal };
  },
  async "retry: calls that failed once, then succeeded, with a long-lived signal"() {
    const signal = new AbortController().signal;
    const { objects, refs } = payloads(TASKS);
    await Promise.all(
      objects.map((o) =>
        retry((attempt) => (attempt === 1 ? Promise.reject(new Error(`${o.id}`)) : { echo: o }), {
          baseMs: 1,
          signal,
        }),
      ),
    );
    return { refs, keep: signal };
  },
  async "pool: settled run and runTask calls with a long-lived signal"() {
    const pool = createPool({ threads: 1 });
    const signal = new AbortController().signal;
    const { objects, refs } = payloads(50);
    await Promise.all(objects.map((o) => pool.runTask(tasks, "idOf", o, { signal })));
    const jobs = objects.map((o) => ({ kind: "io" as const, ops: 1, ms: o.id % 2 }));
    const jobRefs = jobs.map((job) => new WeakRef(job));
    await Promise.all(jobs.map((job) => pool.run(job, { signal })));
    return { refs: [...refs, ...jobRefs], keep: signal, close: () => pool.close() };
  },
};

const report: Record<string, { kept: number; of: number; alive: boolean }> = {};
for (const [name, check] of Object.entries(checks)) {
  const { refs, keep, close } = await check();
  const kept = await survivors(refs);
  report[name] = { kept, of: refs.length, alive: keep !== undefined };
  release();
  await close?.();
}
console.log(JSON.stringify(report));
