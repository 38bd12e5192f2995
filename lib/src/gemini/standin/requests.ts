/**
 * Checks generateContent and countTokens bodies the way the Gemini API does, and reduces them to
 * what the stand-in's answers depend on.
 *
 * Field lists: the REST reference's GenerateContentRequest, Content, Part, Tool and
 * FunctionDeclaration (GenerationConfig's are in generation-config.ts), including every field
 * @google/genai 2.x sends, so that no SDK call is refused. Wordings marked "real" are the API's
 * own, from public reports; the others follow its form.
 */
import { FieldReader, isJson, refuse, type Json } from "./fields.js";
import { StandinRejection } from "./faults.js";
import type { StandinModel } from "./models.js";
import { checkGenerationConfig, readGenerationConfig } from "./generation-config.js";
import { countTextTokens } from "./text.js";

// prettier-ignore
const REQUEST_FIELDS = [
  "model", "contents", "tools", "toolConfig", "safetySettings", "systemInstruction",
  "generationConfig", "cachedContent", "labels", "serviceTier", "store", "continuationToken",
];
const CONTENT_FIELDS = ["role", "parts"];
// prettier-ignore
const PART_FIELDS = [
  "text", "inlineData", "fileData", "functionCall", "functionResponse", "executableCode",
  "codeExecutionResult", "thought", "thoughtSignature", "videoMetadata", "partMetadata",
  "mediaResolution", "toolCall", "toolResponse", "audioTranscription", "mediaProcessing",
  "speechMetadata",
];
// prettier-ignore
const TOOL_FIELDS = [
  "functionDeclarations", "codeExecution", "googleSearch", "googleSearchRetrieval", "urlContext",
  "fileSearch", "googleMaps", "computerUse", "mcpServers",
];
// prettier-ignore
const DECLARATION_FIELDS = [
  "name", "description", "parameters", "parametersJsonSchema", "response", "responseJsonSchema",
  "behavior",
];
const BAD_NAME =
  "Invalid function name. Must start with a letter or an underscore. Must be a-z, A-Z, 0-9, or contain underscores, dots and dashes, with a maximum length of 64.";
const FUNCTION_NAME = /^[A-Za-z_][A-Za-z0-9_.-]{0,63}$/;

/** A function the request declares, reduced to what picking and filling a call needs. */
export interface Declaration {
  name: string;
  description: string;
  /** Its parameters as an OpenAPI-style Schema or a JSON Schema, when it takes any. */
  parameters: unknown;
}

/** A checked generateContent / countTokens request, reduced to what the stand-in uses. */
export interface PromptRequest {
  /** The text of the last user turn: the reply depends on it only. */
  lastUserText: string;
  /** Whether the last turn answers a function call (the model then replies in text). */
  answersFunction: boolean;
  /** Tokens of every turn plus the system instruction. */
  promptTokens: number;
  maxOutputTokens: number | undefined;
  mimeType: string;
  /** The response schema, when one was given. */
  schema: unknown;
  declarations: Declaration[];
  /** toolConfig.functionCallingConfig.mode, upper-cased; "AUTO" by default. */
  toolMode: string;
  allowedFunctions: string[] | undefined;
  thinkingBudget: number | undefined;
  thinkingLevel: string | undefined;
  includeThoughts: boolean;
}

function readContent(read: FieldReader, content: Json, path: string) {
  read.known(content, CONTENT_FIELDS, path);
  const role = read.string(FieldReader.get(content, "role"), `${path}.role`);
  const parts = read.objects(FieldReader.get(content, "parts"), `${path}.parts`, "Part");
  const empty = Array.isArray(FieldReader.get(content, "parts")) && parts.length === 0;
  let text = "";
  let functionResponse = false;
  for (const [j, part] of parts.entries()) {
    read.known(part, PART_FIELDS, `${path}.parts[${j}]`);
    const piece = read.string(FieldReader.get(part, "text"), `${path}.parts[${j}].text`);
    if (piece !== undefined && FieldReader.get(part, "thought") !== true) text += piece;
    if (FieldReader.get(part, "functionResponse") !== undefined) functionResponse = true;
  }
  return { role, text, functionResponse, empty, path };
}

function readDeclarations(read: FieldReader, body: Json): (Declaration & { path: string })[] {
  const tools = read.objects(FieldReader.get(body, "tools"), "tools", "Tool");
  return tools.flatMap((tool, i) => {
    read.known(tool, TOOL_FIELDS, `tools[${i}]`);
    const where = `tools[${i}].function_declarations`;
    const declarations = read.objects(
      FieldReader.get(tool, "functionDeclarations"),
      where,
      "FunctionDeclaration",
    );
    return declarations.map((declaration, k) => {
      read.known(declaration, DECLARATION_FIELDS, `${where}[${k}]`);
      const name = read.string(FieldReader.get(declaration, "name"), `${where}[${k}].name`) ?? "";
      const description = FieldReader.get(declaration, "description");
      return {
        name,
        path: `${where}[${k}].name`,
        description: typeof description === "string" ? description : "",
        parameters:
          FieldReader.get(declaration, "parametersJsonSchema") ??
          FieldReader.get(declaration, "parameters"),
      };
    });
  });
}

/**
 * Checks a generateContent or countTokens body and reduces it to a {@link PromptRequest}.
 * @param body The parsed JSON body.
 * @param kind The request type named in messages: "GenerateContentRequest" or "CountTokensRequest".
 * @param model The model the request is for (its thinking rules apply).
 * @returns The reduced request.
 * @throws {StandinRejection} 400 INVALID_ARGUMENT, worded as the API words it.
 */
export function checkPromptRequest(
  body: unknown,
  kind: string,
  model: StandinModel,
): PromptRequest {
  if (!isJson(body))
    throw new StandinRejection(
      400,
      `Invalid JSON payload received. Expected an object, got ${JSON.stringify(body)}.`,
    );
  const read = new FieldReader();
  let request = body;
  if (kind === "CountTokensRequest") {
    read.known(body, ["contents", "generateContentRequest"], "");
    // countTokens also takes the contents wrapped in a whole generateContent request.
    const inner = read.object(
      FieldReader.get(body, "generateContentRequest"),
      "generate_content_request",
      "GenerateContentRequest",
    );
    if (inner) request = inner;
  } else {
    read.known(body, REQUEST_FIELDS, "");
  }
  const contents = read.objects(FieldReader.get(request, "contents"), "contents", "Content");
  const turns = contents.map((content, i) => readContent(read, content, `contents[${i}]`));
  const systemObject = read.object(
    FieldReader.get(request, "systemInstruction"),
    "system_instruction",
    "Content",
  );
  const system = systemObject ? readContent(read, systemObject, "system_instruction").text : "";
  const declarations = readDeclarations(read, request);
  const config = readGenerationConfig(read, request);
  const toolConfig = FieldReader.get(request, "toolConfig");
  const calling = isJson(toolConfig)
    ? FieldReader.get(toolConfig, "functionCallingConfig")
    : undefined;
  read.finish();
  if (turns.length === 0) refuse(`${kind}.contents`, "contents is not specified"); // real
  const empty = turns.find((turn) => turn.empty);
  if (empty) refuse(`${kind}.${empty.path}.parts`, "contents.parts must not be empty."); // real
  const badName = declarations.find((declaration) => !FUNCTION_NAME.test(declaration.name));
  if (badName) refuse(`${kind}.${badName.path}`, BAD_NAME); // real
  if (
    turns.some(
      (turn) =>
        turn.role !== undefined &&
        turn.role !== "" &&
        turn.role !== "user" &&
        turn.role !== "model",
    )
  ) {
    throw new StandinRejection(400, "Please use a valid role: user, model."); // real
  }
  checkGenerationConfig(config, model, kind);
  const userTurns = turns.filter((turn) => turn.role !== "model");
  const mode = isJson(calling) ? FieldReader.get(calling, "mode") : undefined;
  const allowed = isJson(calling) ? FieldReader.get(calling, "allowedFunctionNames") : undefined;
  return {
    lastUserText: userTurns.at(-1)?.text ?? "",
    answersFunction: turns.at(-1)?.functionResponse ?? false,
    promptTokens: [system, ...turns.map((turn) => turn.text)].reduce(
      (sum, text) => sum + countTextTokens(text),
      0,
    ),
    maxOutputTokens: config.maxOutputTokens,
    mimeType: config.mimeType || "text/plain",
    schema: config.schema,
    declarations: declarations.map(({ name, description, parameters }) => ({
      name,
      description,
      parameters,
    })),
    toolMode: typeof mode === "string" ? mode.toUpperCase() : "AUTO",
    allowedFunctions: Array.isArray(allowed)
      ? allowed.filter((name) => typeof name === "string")
      : undefined,
    thinkingBudget: config.thinkingBudget,
    thinkingLevel: config.thinkingLevel?.toUpperCase(),
    includeThoughts: config.includeThoughts ?? false,
  };
}
