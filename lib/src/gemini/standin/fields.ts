/**
 * Reading a JSON request body the way the Gemini API's proto parser does: field names in camelCase
 * or snake_case, unknown names and wrongly typed values collected and refused together in one 400.
 *
 * The message forms are the real API's, quoted in public reports: `Invalid JSON payload received.
 * Unknown name "x" at 'generation_config': Cannot find field.` (gera2ld/ai.nvim#13, fishjar/kiss-translator#256)
 * and `Invalid value at 'path' (TYPE), value` (simonw/llm-gemini#49), each also listed as a
 * google.rpc.BadRequest field violation.
 */
import { StandinRejection } from "./faults.js";

/** A JSON object. */
export type Json = Record<string, unknown>;

/** Whether a value is a JSON object (not an array, not null). */
export const isJson = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const camel = (name: string) => name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
// Type names are written for v1beta; inApiVersion() renames them for the version a path names.
const PROTO_PACKAGE = "google.ai.generativelanguage.v1beta.";
const PROTO = `type.googleapis.com/${PROTO_PACKAGE}`;

interface Violation {
  field?: string;
  description: string;
}

/** Collects what is wrong with a body; {@link FieldReader.finish} refuses it if anything is. */
export class FieldReader {
  private readonly violations: Violation[] = [];

  /** Joins a path and a field name in the API's form: `generation_config.temperature`. */
  static path(parent: string, name: string): string {
    return parent === "" ? snake(name) : `${parent}.${snake(name)}`;
  }

  /**
   * Reads one field by its camelCase name, also found under its snake_case name.
   * @param object The object to read.
   * @param name The camelCase field name.
   * @returns The value, or undefined.
   */
  static get(object: Json, name: string): unknown {
    return object[name] ?? object[snake(name)];
  }

  /**
   * Notes every field of `object` that is not in `allowed`.
   * @param object The object to check.
   * @param allowed Its field names, in camelCase.
   * @param path Where the object sits ("" for the body itself).
   */
  known(object: Json, allowed: readonly string[], path: string): void {
    for (const key of Object.keys(object)) {
      if (allowed.includes(camel(key))) continue;
      const at = path === "" ? "" : ` at '${path}'`;
      const description = `Invalid JSON payload received. Unknown name "${key}"${at}: Cannot find field.`;
      this.violations.push(path === "" ? { description } : { field: path, description });
    }
  }

  /** Notes a value of the wrong type for its field. */
  invalid(path: string, type: string, value: unknown): void {
    this.violations.push({
      field: path,
      description: `Invalid value at '${path}' (${type}), ${JSON.stringify(value)}`,
    });
  }

  /** Reads a message-typed field: an object, or undefined (noted when it is something else). */
  object(value: unknown, path: string, type: string): Json | undefined {
    if (value === undefined || value === null) return undefined;
    if (isJson(value)) return value;
    this.invalid(path, `${PROTO}${type}`, value);
    return undefined;
  }

  /** Reads a repeated message field: the objects of a list (others noted). */
  objects(value: unknown, path: string, type: string): Json[] {
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) {
      this.invalid(path, `${PROTO}${type}`, value);
      return [];
    }
    return value.flatMap((item, i) => {
      const object = this.object(item, `${path}[${i}]`, type);
      return object ? [object] : [];
    });
  }

  /** Reads a number field (a JSON number or a numeric string, as proto JSON allows). */
  number(value: unknown, path: string, integer = false): number | undefined {
    if (value === undefined || value === null) return undefined;
    const number = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
    if (typeof number === "number" && Number.isFinite(number)) {
      if (!integer || Number.isInteger(number)) return number;
    }
    this.invalid(path, integer ? "TYPE_INT32" : "TYPE_FLOAT", value);
    return undefined;
  }

  /** Reads a string field. */
  string(value: unknown, path: string): string | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value === "string") return value;
    this.invalid(path, "TYPE_STRING", value);
    return undefined;
  }

  /** Reads a boolean field. */
  boolean(value: unknown, path: string): boolean | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value === "boolean") return value;
    this.invalid(path, "TYPE_BOOL", value);
    return undefined;
  }

  /**
   * Refuses the body when anything was noted.
   * @throws {StandinRejection} 400 INVALID_ARGUMENT listing every violation, one per line.
   */
  finish(): void {
    if (this.violations.length === 0) return;
    throw new StandinRejection(400, this.violations.map((v) => v.description).join("\n"), [
      { "@type": "type.googleapis.com/google.rpc.BadRequest", fieldViolations: this.violations },
    ]);
  }
}

/**
 * Refuses a request whose values parse but break a rule, in the API's "* Request.field: rule" form
 * (for example `* GenerateContentRequest.contents: contents is not specified`).
 * @param where The request type and field path, e.g. "GenerateContentRequest.contents".
 * @param rule What is wrong.
 * @throws {StandinRejection} Always: 400 INVALID_ARGUMENT.
 */
export function refuse(where: string, rule: string): never {
  throw new StandinRejection(400, `* ${where}: ${rule}\n`);
}

/**
 * Names the proto types in an error body after the API version its request's path named, as the
 * real API does: `/v1/...` (what @google/genai 3.x calls by default) answers with
 * `google.ai.generativelanguage.v1.Content`, `/v1beta/...` with `google.ai.generativelanguage.v1beta.Content`.
 * @param body An error body whose type names say v1beta.
 * @param apiVersion The version from the path: "v1", "v1beta" or "v1alpha".
 * @returns The body with every type name in that version (the same object for v1beta).
 */
export function inApiVersion<T>(body: T, apiVersion: string): T {
  if (apiVersion === "v1beta") return body;
  const renamed = `google.ai.generativelanguage.${apiVersion}.`;
  return JSON.parse(JSON.stringify(body).replaceAll(PROTO_PACKAGE, renamed)) as T;
}
