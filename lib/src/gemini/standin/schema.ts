/**
 * Deterministic values matching a schema, for the stand-in's JSON mode and function-call arguments.
 *
 * Takes both schema dialects the API accepts: the OpenAPI-style `Schema` of `responseSchema` and
 * `parameters` (types in capitals: "OBJECT", `nullable`, `propertyOrdering`) and the JSON Schema of
 * `responseJsonSchema` and `parametersJsonSchema` (`type` lists, `anyOf`, `$ref` into `$defs`,
 * `const`). Values come from the prompt where it offers them - its numbers in order, its quoted
 * phrases - so "divide 100 by 2" fills `{numerator, denominator}` with 100 and 2.
 */
import { isJson, type Json } from "./fields.js";
import { composeReplySentences, hashText } from "./text.js";

const DEEPEST = 6;

/** Fills schemas from one prompt; successive fields take successive values from it. */
export class SchemaFiller {
  private readonly numbers: number[];
  private readonly phrases: string[];
  private readonly sentences: string[];
  private readonly topic: string;
  private counter = 0;

  /** @param prompt The text of the last user turn. */
  constructor(prompt: string) {
    this.numbers = (prompt.match(/-?\d+(?:\.\d+)?/g) ?? []).map(Number);
    this.phrases = [...prompt.matchAll(/["“']([^"”']+)["”']|\bword:\s*(\w+)/g)].map(
      (match) => match[1] ?? match[2] ?? "",
    );
    this.sentences = composeReplySentences(prompt).slice(1);
    this.topic = prompt.replace(/\s+/g, " ").trim().slice(0, 40) || "offline answer";
  }

  /**
   * Makes a value that matches a schema.
   * @param schema A Schema or JSON Schema object.
   * @returns A JSON value: the same schema and prompt always give the same value.
   */
  fill(schema: unknown): unknown {
    return this.value(schema, schema, "", 0);
  }

  private next(): number {
    return hashText(`${this.topic}#${this.counter++}`);
  }

  private value(schema: unknown, root: unknown, key: string, depth: number): unknown {
    if (!isJson(schema) || depth > DEEPEST) return null;
    const ref = schema.$ref;
    if (typeof ref === "string") return this.value(resolveRef(root, ref), root, key, depth + 1);
    if ("const" in schema) return schema.const;
    const choices = schema.enum;
    if (Array.isArray(choices) && choices.length > 0) return choices[this.next() % choices.length];
    for (const name of ["anyOf", "oneOf"]) {
      const options: unknown = schema[name];
      if (Array.isArray(options)) {
        const pick: unknown = options.find((option) => typeOf(option) !== "null") ?? options[0];
        return this.value(pick, root, key, depth + 1);
      }
    }
    switch (typeOf(schema)) {
      case "object":
        return this.object(schema, root, depth);
      case "array":
        return this.array(schema, root, key, depth);
      case "integer":
        return this.number(schema, true);
      case "number":
        return this.number(schema, false);
      case "boolean":
        return this.next() % 2 === 0;
      case "null":
        return null;
      default:
        return this.string(schema, key);
    }
  }

  private object(schema: Json, root: unknown, depth: number): Json {
    const properties = isJson(schema.properties) ? schema.properties : {};
    const required: unknown[] = Array.isArray(schema.required)
      ? schema.required
      : Object.keys(properties);
    const ordering: unknown[] = Array.isArray(schema.propertyOrdering)
      ? schema.propertyOrdering
      : [];
    const names = [...new Set([...ordering, ...Object.keys(properties)])].filter(
      (name): name is string => typeof name === "string" && name in properties,
    );
    const result: Json = {};
    // Deep down, only what is required, so a recursive schema still ends.
    for (const name of names) {
      if (depth >= 3 && !required.includes(name)) continue;
      result[name] = this.value(properties[name], root, name, depth + 1);
    }
    return result;
  }

  private array(schema: Json, root: unknown, key: string, depth: number): unknown[] {
    const min =
      typeof schema.minItems === "number" ? schema.minItems : Number(schema.minItems ?? 0);
    const max =
      typeof schema.maxItems === "number" ? schema.maxItems : Number(schema.maxItems ?? Infinity);
    const count = Math.max(min || 0, Math.min(3, Number.isFinite(max) ? max : 3));
    const prefix = Array.isArray(schema.prefixItems) ? schema.prefixItems : [];
    return Array.from({ length: count }, (_, i) =>
      this.value(prefix[i] ?? schema.items ?? { type: "string" }, root, key, depth + 1),
    );
  }

  private number(schema: Json, integer: boolean): number {
    const min = Number(schema.minimum ?? schema.exclusiveMinimum ?? -Infinity);
    const max = Number(schema.maximum ?? schema.exclusiveMaximum ?? Infinity);
    const fits = (n: number) => n >= min && n <= max && (!integer || Number.isInteger(n));
    const fromPrompt = this.numbers.findIndex(fits);
    if (fromPrompt !== -1) return this.numbers.splice(fromPrompt, 1)[0] ?? 0;
    const low = Number.isFinite(min) ? min : 1;
    const high = Number.isFinite(max) ? max : low + 99;
    const span = (this.next() % 1000) / 1000;
    const raw = low + span * (high - low);
    return integer ? Math.min(Math.ceil(raw), Math.floor(high)) : Number(raw.toFixed(2));
  }

  private string(schema: Json, key: string): string {
    const text = this.phrases.shift() ?? this.formatted(schema.format, key);
    const minLength = Number(schema.minLength ?? 0);
    const maxLength = Number(schema.maxLength ?? Infinity);
    return text.padEnd(minLength, ".").slice(0, maxLength);
  }

  private formatted(format: unknown, key: string): string {
    const hash = this.next();
    const day = new Date(Date.UTC(2025, 0, 1) + (hash % 365) * 86_400_000).toISOString();
    if (format === "date-time") return `${day.slice(0, 19)}Z`;
    if (format === "date") return day.slice(0, 10);
    if (format === "time") return "12:00:00";
    if (format === "email") return "learner@example.com";
    if (format === "uri" || format === "url") return `https://example.com/${hash.toString(36)}`;
    if (/name|title|topic|subject|label/i.test(key)) return this.topic;
    return this.sentences[hash % Math.max(1, this.sentences.length)] ?? this.topic;
  }
}

/** The schema's type in lower case ("OBJECT" and "object" alike); the first non-null of a list. */
function typeOf(schema: unknown): string {
  if (!isJson(schema)) return "";
  const type: unknown = schema.type;
  const name: unknown = Array.isArray(type) ? (type.find((t) => t !== "null") ?? type[0]) : type;
  if (typeof name === "string" && name !== "") return name.toLowerCase();
  if (isJson(schema.properties)) return "object";
  if (schema.items !== undefined || Array.isArray(schema.prefixItems)) return "array";
  return "string";
}

/** Follows a local `$ref` such as "#/$defs/Item" or "#/definitions/Item". */
function resolveRef(root: unknown, ref: string): unknown {
  if (!ref.startsWith("#")) return undefined;
  let node: unknown = root;
  for (const step of ref.slice(1).split("/").filter(Boolean)) {
    node = isJson(node) ? node[step.replace(/~1/g, "/").replace(/~0/g, "~")] : undefined;
  }
  return node;
}
