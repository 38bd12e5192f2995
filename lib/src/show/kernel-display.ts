// Internal: sends mime bundles to the tslab kernel. tslab is loaded lazily and only inside its
// kernel, so scripts and tests never pay for it. Not re-exported from the package.

/** One display_data message: a mime bundle, as Jupyter's message spec defines it. */
export type MimeBundle = Record<string, string>;

/** Sends one display_data message; throws "Not ready" when no cell is executing. */
type SendDisplay = (bundle: MimeBundle) => void;

let cached: SendDisplay | null | undefined;

// tslab's public `display.html()` sends one mime type per message. A picture needs two in one
// message (an <img> for Lab, plain text for everything else), so this reaches for the function
// tslab's own display object calls: jupyter.lastWriteDisplayData, set while a cell executes.
export function tslabSend(): SendDisplay | null {
  if (cached !== undefined) return cached;
  cached = null;
  const script = process.argv[1] ?? "";
  if (/tslab/.test(script) && process.argv.includes("kernel")) {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const jupyter = require("tslab/dist/jupyter") as {
        lastWriteDisplayData?: ((data: unknown, update: boolean) => void) | null;
      };
      cached = (bundle) => {
        const write = jupyter.lastWriteDisplayData;
        if (write == null) throw new Error("Not ready");
        write({ data: bundle, metadata: {}, transient: {} }, false);
      };
    } catch {
      cached = null;
    }
  }
  return cached;
}

/** Sends `bundle` when a kernel cell is running; `false` when it could not (then print text). */
export function sendBundle(bundle: MimeBundle): boolean {
  const send = tslabSend();
  if (send === null) return false;
  try {
    send(bundle);
    return true;
  } catch {
    // tslab throws "Not ready" when no cell is executing; the caller falls back to text.
    return false;
  }
}
