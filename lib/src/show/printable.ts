// Internal: makes a result show as readable text when it is a notebook cell's last value.
import { inspect } from "node:util";

/** Gives `value` a util.inspect form (used by tslab, the REPL and console.log) of `text`. */
export function printable<T extends object>(value: T, text: string): T {
  Object.defineProperty(value, inspect.custom, { value: () => text, enumerable: false });
  return value;
}
