// Judge a notebook before and after execution; pure functions, so tests can feed them anything.

/** A cell as nbformat 4 stores it (only the fields the checker reads). */
export interface Cell {
  cell_type: string;
  source: string | string[];
  execution_count?: number | null;
  metadata?: { tags?: string[]; async_ts?: Record<string, unknown> };
  outputs?: Output[];
}

/** An output as nbformat 4 stores it. */
export interface Output {
  output_type: string;
  name?: string;
  text?: string | string[];
  data?: Record<string, unknown>;
}

export interface Notebook {
  cells: Cell[];
  metadata: {
    kernelspec?: { name?: string };
    async_ts?: { run_alone?: boolean; ran_on?: unknown };
    [key: string]: unknown;
  };
  nbformat: number;
  nbformat_minor: number;
}

/** What run-notebook.py records: the kernel's reply per cell, and how the run ended. */
export interface RunStatus {
  cells: Record<string, { status: string; seconds: number } | undefined>;
  failure: {
    kind: "error" | "timeout" | "kernel-died" | "kernel-start";
    cell: number | null;
    message?: string;
  } | null;
  after_last_cell: Output[];
  /** Output sent under an earlier, finished cell's id, filed under the cell running when it came. */
  late_outputs?: Record<string, Output[] | undefined>;
}

/** One reason a notebook fails. `cell` is 1-based, as a reader counts cells; absent for the file. */
export interface Failure {
  cell?: number;
  firstLine?: string;
  message: string;
}

/** Tag for a cell that shows an unhandled rejection or uncaught exception on purpose. */
export const ALLOW_UNHANDLED_TAG = "allow-unhandled";

const UNHANDLED = /^(UnhandledPromiseRejection|UncaughtException):.*$/m;

/** Joins nbformat's multi-line strings. */
export function text(value: string | string[] | undefined): string {
  return Array.isArray(value) ? value.join("") : (value ?? "");
}

/** The first non-blank line of a cell, shortened, for reports. */
export function firstLine(cell: Cell): string {
  const line =
    text(cell.source)
      .split("\n")
      .find((l) => l.trim()) ?? "";
  return line.length > 60 ? `${line.slice(0, 57)}...` : line.trim();
}

function isCode(cell: Cell): boolean {
  return cell.cell_type === "code" && text(cell.source).trim() !== "";
}

function stderrOf(outputs: Output[] | undefined): string {
  return (outputs ?? [])
    .filter((o) => o.output_type === "stream" && o.name === "stderr")
    .map((o) => text(o.text))
    .join("");
}

/** Stack frames of the kernel itself, which say nothing about the reader's code. */
const KERNEL_FRAME = /^\s+at .*(node:vm|node:internal|node_modules[\\/]tslab|sigintHandlersWrap)/;

/** Keeps the first lines of an error, without the kernel's own frames, enough to read in a CI log. */
function excerpt(message: string, lines = 12): string {
  const all = message
    .trimEnd()
    .split("\n")
    .filter((line) => !KERNEL_FRAME.test(line));
  return all.length > lines
    ? [...all.slice(0, lines), `... (${all.length - lines} more lines)`].join("\n")
    : all.join("\n");
}

/**
 * Parses and checks a notebook file before running it: valid JSON, nbformat 4, the tslab kernel.
 * @returns The notebook, or the failures that make running it pointless.
 */
export function parseNotebook(raw: string): { notebook?: Notebook; failures: Failure[] } {
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch (error) {
    return { failures: [{ message: `not valid JSON (${(error as Error).message})` }] };
  }
  const nb = data as Partial<Notebook> | null;
  if (!nb || typeof nb !== "object" || nb.nbformat !== 4 || !Array.isArray(nb.cells)) {
    return {
      failures: [
        { message: `not an nbformat 4 notebook (nbformat: ${JSON.stringify(nb?.nbformat)})` },
      ],
    };
  }
  const kernel = nb.metadata?.kernelspec?.name;
  if (kernel !== "tslab") {
    return {
      failures: [
        {
          message: `its kernelspec is ${JSON.stringify(kernel ?? null)}, not "tslab" (choose the TypeScript kernel and save)`,
        },
      ],
    };
  }
  return { notebook: nb as Notebook, failures: [] };
}

/**
 * Judges an executed notebook by the rules tslab makes necessary: a reply of "error" fails the
 * cell even with no `error` output; a code cell left without an execution count was aborted;
 * `UnhandledPromiseRejection:` or `UncaughtException:` on stderr fails the cell unless it is tagged
 * {@link ALLOW_UNHANDLED_TAG}.
 * @param executed The notebook as nbclient saved it.
 * @param status What run-notebook.py recorded.
 * @param timeoutSeconds The per-cell timeout, for the message.
 * @returns Every failure found, in cell order.
 */
export function judgeExecuted(
  executed: Notebook,
  status: RunStatus,
  timeoutSeconds: number,
): Failure[] {
  const failures: Failure[] = [];
  const at = (index: number) => ({
    cell: index + 1,
    firstLine: firstLine(executed.cells[index] ?? { cell_type: "code", source: "" }),
  });
  const stop = status.failure;
  // Cells after the one that stopped the run never ran; they are not separate failures.
  const reached = stop?.cell ?? executed.cells.length;

  executed.cells.forEach((cell, index) => {
    if (!isCode(cell) || index > reached) return;
    const reply = status.cells[String(index)];
    const stderr = stderrOf(cell.outputs) + stderrOf(status.late_outputs?.[String(index)]);
    if (reply?.status === "error") {
      failures.push({
        ...at(index),
        message: `the cell failed:\n${excerpt(stderr || "(the kernel replied 'error' and printed nothing)")}`,
      });
    } else if (index < reached && (reply?.status === "abort" || reply?.status === "aborted")) {
      failures.push({
        ...at(index),
        message:
          "the cell was not executed: the kernel answered 'abort' (tslab does this just after a failed cell)",
      });
    } else if (index < reached && cell.execution_count == null) {
      failures.push({
        ...at(index),
        message: "the cell has no execution count after the run (it was skipped or aborted)",
      });
    }
    const unhandled = UNHANDLED.exec(stderr);
    if (unhandled && !(cell.metadata?.tags ?? []).includes(ALLOW_UNHANDLED_TAG)) {
      failures.push({
        ...at(index),
        message: `${excerpt(stderr.slice(unhandled.index), 6)}\n(an earlier cell's timer or promise may have printed this; tag the cell '${ALLOW_UNHANDLED_TAG}' if it is on purpose)`,
      });
    }
  });

  const late = UNHANDLED.exec(stderrOf(status.after_last_cell));
  if (late) {
    failures.push({
      message: `after the last cell: ${excerpt(stderrOf(status.after_last_cell).slice(late.index), 6)}\n(a timer or promise left running by a cell)`,
    });
  }
  if (stop && stop.kind !== "error") {
    const where = stop.cell != null && stop.cell < executed.cells.length ? at(stop.cell) : {};
    const message = {
      timeout: `the cell ran past the ${timeoutSeconds} s timeout (raise it with --timeout S, or look for an await that never settles)`,
      "kernel-died": `the kernel died${stop.message ? ` (${stop.message})` : ""} (a cell may have called process.exit or crashed Node)`,
      "kernel-start": `the tslab kernel did not start (${stop.message ?? "no reply"}); run \`npm run setup\` to repair the environment`,
    }[stop.kind];
    failures.push({ ...where, message });
  }
  const notRun = executed.cells.filter(
    (cell, index) => isCode(cell) && stop?.cell != null && index > stop.cell,
  ).length;
  const last = failures.findLast((f) => f.cell === (stop?.cell ?? -1) + 1);
  if (last && notRun > 0)
    last.message += `\n(the run stopped here; ${notRun} later code cell(s) did not run)`;
  return failures.sort((a, b) => (a.cell ?? Infinity) - (b.cell ?? Infinity));
}

/** Code cells in a notebook, for progress lines. */
export function codeCellCount(nb: Notebook): number {
  return nb.cells.filter(isCode).length;
}

/** The longest code line the course allows: Prettier's printWidth, and the README's convention. */
export const MAX_CODE_LINE = 100;

/**
 * Finds code lines longer than {@link MAX_CODE_LINE} characters, one failure per cell.
 * @param nb The notebook as stored.
 * @returns A failure for each code cell with such lines, naming them and their lengths.
 */
export function longLineFailures(nb: Notebook): Failure[] {
  const failures: Failure[] = [];
  nb.cells.forEach((cell, index) => {
    if (!isCode(cell)) return;
    const long = text(cell.source)
      .split("\n")
      .map((line, i) => ({ line: i + 1, length: [...line].length }))
      .filter((l) => l.length > MAX_CODE_LINE);
    if (long.length === 0) return;
    const which = long.map((l) => `line ${l.line} (${l.length})`).join(", ");
    failures.push({
      cell: index + 1,
      firstLine: firstLine(cell),
      message: `code longer than ${MAX_CODE_LINE} characters on ${which}: wrap it, or move it into lib`,
    });
  });
  return failures;
}
