/**
 * Embeddings at the Gemini stand-in: checks batchEmbedContents and embedContent bodies and embeds
 * their text, 3072 values by default, 128 to 3072 with `outputDimensionality`
 * (https://ai.google.dev/gemini-api/docs/embeddings).
 */
import { FieldReader, isJson, refuse, type Json } from "./fields.js";
import { StandinRejection } from "./faults.js";
import { EMBEDDING_DIMENSIONS, embedText } from "./text.js";

const REQUEST_FIELDS = ["model", "content", "taskType", "title", "outputDimensionality"];
const TASK_TYPES = [
  "TASK_TYPE_UNSPECIFIED",
  "RETRIEVAL_QUERY",
  "RETRIEVAL_DOCUMENT",
  "SEMANTIC_SIMILARITY",
  "CLASSIFICATION",
  "CLUSTERING",
  "QUESTION_ANSWERING",
  "FACT_VERIFICATION",
  "CODE_RETRIEVAL_QUERY",
];

function embedOne(read: FieldReader, request: Json, path: string, kind: string) {
  read.known(request, REQUEST_FIELDS, path);
  const at = (name: string) => FieldReader.path(path, name);
  const content = read.object(FieldReader.get(request, "content"), at("content"), "Content");
  const parts = content
    ? read.objects(FieldReader.get(content, "parts"), `${at("content")}.parts`, "Part")
    : [];
  const text = parts
    .map((part) => read.string(FieldReader.get(part, "text"), `${at("content")}.parts.text`) ?? "")
    .join(" ");
  const size = read.number(
    FieldReader.get(request, "outputDimensionality"),
    at("outputDimensionality"),
    true,
  );
  const task = read.string(FieldReader.get(request, "taskType"), at("taskType"));
  if (task !== undefined && !TASK_TYPES.includes(task)) {
    read.invalid(
      at("taskType"),
      "type.googleapis.com/google.ai.generativelanguage.v1beta.TaskType",
      task,
    );
  }
  return () => {
    const where = `${kind}${path === "" ? "" : `.${path}`}`;
    if (!content) refuse(`${where}.content`, "content is not specified");
    const dimensions = size ?? EMBEDDING_DIMENSIONS;
    if (dimensions < 128 || dimensions > EMBEDDING_DIMENSIONS) {
      refuse(
        `${where}.output_dimensionality`,
        `must be between 128 and ${EMBEDDING_DIMENSIONS}, got ${dimensions}`,
      );
    }
    return { values: embedText(text, dimensions) };
  };
}

/**
 * Checks a batchEmbedContents or embedContent body and embeds its text.
 * @param method "batchEmbedContents" or "embedContent".
 * @param body The parsed JSON body.
 * @returns `{embeddings:[{values}]}` (one per request) or `{embedding:{values}}`.
 * @throws {StandinRejection} 400 INVALID_ARGUMENT in the API's words.
 */
export function buildEmbeddings(method: string, body: unknown): Record<string, unknown> {
  if (!isJson(body))
    throw new StandinRejection(400, "Invalid JSON payload received. Expected an object.");
  const read = new FieldReader();
  if (method === "embedContent") {
    const embed = embedOne(read, body, "", "EmbedContentRequest");
    read.finish();
    return { embedding: embed() };
  }
  read.known(body, ["requests"], "");
  const requests = read.objects(
    FieldReader.get(body, "requests"),
    "requests",
    "EmbedContentRequest",
  );
  const embeds = requests.map((request, i) =>
    embedOne(read, request, `requests[${i}]`, "BatchEmbedContentsRequest"),
  );
  read.finish();
  if (embeds.length === 0)
    refuse("BatchEmbedContentsRequest.requests", "requests is not specified");
  return { embeddings: embeds.map((embed) => embed()) };
}
