/** The parts of a V8 CPU profile (`Profiler.Profile`, or a `.cpuprofile` file) that are read here. */
export interface CpuProfile {
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
  }[];
  /** The node each sample landed in. */
  samples?: number[];
  /** Microseconds since the previous sample, one per sample. */
  timeDeltas?: number[];
}

/** One function's share of a profile. */
// A type, not an interface, so that rows pass straight to table().
export type TopFrame = {
  /** The function's name, or "(anonymous)"; V8's own entries keep theirs, like "(garbage collector)". */
  function: string;
  /** File (last path segment) and 1-based line, when V8 knows them. */
  where: string;
  /** Milliseconds the samples spent in this function itself, not in what it called. */
  selfMs: number;
  /** That time as a share of the whole profile, 0 to 1. */
  share: number;
};

/**
 * Reads a CPU profile the way a profiler's "bottom-up" view does: the time each function spent
 * running its own code (self time), summed over every place it was called from, largest first.
 * @param profile A profile from the inspector's `Profiler.stop` or a `--cpu-prof` file.
 * @param count How many functions to return; default 5.
 * @returns The top functions by self time.
 * @throws {TypeError} When `profile` has no `nodes` list or `count` is not an integer >= 1.
 * @example
 * ```ts
 * const callFrame = { functionName: "checksum", url: "file:///a.js", lineNumber: 9 };
 * const profile = { nodes: [{ id: 1, callFrame }], samples: [1, 1], timeDeltas: [500, 500] };
 * console.log(topFrames(profile)); // [{ function: "checksum", where: "a.js:10", selfMs: 1, share: 1 }]
 * ```
 */
export function topFrames(profile: CpuProfile, count = 5): TopFrame[] {
  if (!Array.isArray(profile?.nodes)) {
    throw new TypeError("Cannot read profile: it has no 'nodes' list (is it a V8 CPU profile?)");
  }
  if (!Number.isInteger(count) || count < 1) {
    throw new TypeError(`Cannot read profile: 'count' must be an integer >= 1, got ${count}`);
  }
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  const selfUs = new Map<string, { frame: Omit<TopFrame, "selfMs" | "share">; us: number }>();
  let totalUs = 0;
  samples.forEach((id, i) => {
    const node = byId.get(id);
    const us = Math.max(0, deltas[i] ?? 0);
    totalUs += us;
    if (!node) return;
    const { functionName, url, lineNumber } = node.callFrame;
    const file = url.split(/[\\/]/).at(-1) ?? "";
    const where = file && lineNumber >= 0 ? `${file}:${lineNumber + 1}` : file;
    const name = functionName || "(anonymous)";
    const key = `${name}\n${where}`;
    const entry = selfUs.get(key) ?? { frame: { function: name, where }, us: 0 };
    entry.us += us;
    selfUs.set(key, entry);
  });
  return [...selfUs.values()]
    .sort((a, b) => b.us - a.us)
    .slice(0, count)
    .map(({ frame, us }) => ({
      ...frame,
      selfMs: Math.round(us / 10) / 100,
      share: totalUs > 0 ? us / totalUs : 0,
    }));
}
