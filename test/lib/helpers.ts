// Shared test helpers: a time-scale switch, a quiet checkCode, and a small XML well-formedness check.
import { checkCode, TIME_SCALE_ENV } from "@async-ts/lib";

/** Runs the suite's tests at `scale` and restores the previous value afterwards. */
export function useTimeScale(scale: number): void {
  let saved: string | undefined;
  before(() => {
    saved = process.env[TIME_SCALE_ENV];
    process.env[TIME_SCALE_ENV] = String(scale);
  });
  after(() => {
    if (saved === undefined) delete process.env[TIME_SCALE_ENV];
    else process.env[TIME_SCALE_ENV] = saved;
  });
}

/** Throws unless `xml` is well-formed: balanced tags, quoted attributes, escaped text. */
export function assertWellFormedXml(xml: string): void {
  const stack: string[] = [];
  const token = /<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>|([^<]+)|(<)/g;
  for (const m of xml.matchAll(token)) {
    const [, closing, name, , selfClosing, text, stray] = m;
    if (stray !== undefined)
      throw new Error(`stray '<' at ${m.index}: ${xml.slice(m.index ?? 0, (m.index ?? 0) + 40)}`);
    if (text !== undefined) {
      const bad = /&(?!(?:amp|lt|gt|quot|apos|#\d+);)/.exec(text);
      if (bad !== null) throw new Error(`unescaped '&' in text: ${text.slice(0, 40)}`);
      continue;
    }
    if (closing === "/") {
      const open = stack.pop();
      if (open !== name) throw new Error(`</${name}> closes <${open}>`);
    } else if (selfClosing !== "/") stack.push(name!);
  }
  if (stack.length > 0) throw new Error(`unclosed <${stack.join("> <")}>`);
}

/** Real milliseconds since `start`. */
export const since = (start: number): number => performance.now() - start;

/**
 * Counts active (ref'ed) timers. Waits one turn first: mocha starts its own per-test timeout
 * timer just after the test function begins, which would otherwise skew a "before" count.
 */
export async function activeTimers(): Promise<number> {
  await new Promise((resolve) => setImmediate(resolve));
  return process.getActiveResourcesInfo().filter((r) => r === "Timeout").length;
}

/** Runs checkCode with console.log silenced; resolves with its state and lines. */
export async function quietly(run: () => ReturnType<typeof checkCode>) {
  const original = console.log;
  console.log = () => undefined;
  try {
    return await run();
  } finally {
    console.log = original;
  }
}

/** Whether a process still exists (signal 0 checks without sending anything). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
