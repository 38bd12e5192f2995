// The stand-in refuses keys, models and bodies as the real Gemini API does, seen through the real SDK.
import assert from "node:assert/strict";
import { ApiError, GoogleGenAI, type HttpOptions } from "@google/genai";
import {
  STANDIN_API_KEY,
  explainGeminiError,
  parseGeminiError,
  startStandin,
  type Standin,
  type StandinOptions,
} from "@async-ts/lib";
import { pinTimeScale } from "./helpers.js";

const model = "gemini-flash-lite-latest";
const realLookingKeys = ["AQ.Ab8RN6LtestOnlyNotARealKey_0123456789", `AIza${"x".repeat(35)}`];

describe("startStandin(): keys, models and request checks", () => {
  pinTimeScale();
  let standin: Standin | undefined;
  afterEach(async () => {
    await standin?.close();
    standin = undefined;
  });

  async function connect(
    options: StandinOptions = {},
    httpOptions: HttpOptions = {},
    apiKey = STANDIN_API_KEY,
  ) {
    standin = await startStandin({ latencyMs: 20, streamChunkMs: 10, ...options });
    return new GoogleGenAI({ apiKey, httpOptions: { ...httpOptions, baseUrl: standin.url } });
  }

  async function rejection(promise: Promise<unknown>): Promise<ApiError> {
    const error = await promise.then(
      () => assert.fail("expected the call to fail"),
      (error: unknown) => error,
    );
    assert.ok(error instanceof ApiError, `expected an ApiError, got ${String(error)}`);
    return error;
  }

  /** POSTs a raw body, as a learner using fetch would. */
  async function post(method: string, body: unknown, name = model) {
    const response = await fetch(`${standin?.url}/v1beta/models/${name}:${method}`, {
      method: "POST",
      headers: { "x-goog-api-key": STANDIN_API_KEY, "content-type": "application/json" },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });
    return {
      status: response.status,
      body: (await response.json()) as { error: Record<string, unknown> },
    };
  }

  it("answers a request without a key with 403 PERMISSION_DENIED", async () => {
    const stripKey: typeof fetch = (input, init) => {
      const headers = new Headers(init?.headers);
      headers.delete("x-goog-api-key");
      return fetch(input, { ...init, headers });
    };
    const ai = await connect({}, { fetch: stripKey });
    const error = await rejection(ai.models.generateContent({ model, contents: "Hi" }));
    assert.equal(error.status, 403);
    assert.match(error.message, /"message":"Method doesn't allow unregistered callers/);
    assert.match(error.message, /"status":"PERMISSION_DENIED"/);
    assert.match(
      explainGeminiError(error, "live"),
      /^No API key reached the API \(403 PERMISSION_DENIED\)/,
    );
  });

  it("answers a key not shaped like Google's with 400 INVALID_ARGUMENT, reason API_KEY_INVALID", async () => {
    for (const key of ["my-key", "invalid", `"${STANDIN_API_KEY}"`, "AIza-too-short"]) {
      const ai = await connect({}, {}, key);
      const error = await rejection(ai.models.generateContent({ model, contents: "Hi" }));
      assert.equal(error.status, 400, key);
      assert.match(error.message, /"message":"API key not valid. Please pass a valid API key."/);
      const info = parseGeminiError(error);
      assert.equal(info?.status, "INVALID_ARGUMENT");
      assert.equal(info?.reason, "API_KEY_INVALID");
      assert.match(error.message, /"@type":"type.googleapis.com\/google.rpc.ErrorInfo"/);
      await standin?.close();
    }
  });

  it("takes STANDIN_API_KEY, real-looking AQ./AIza keys and apiKeys; refuses rejectKeys", async () => {
    for (const key of [STANDIN_API_KEY, ...realLookingKeys, "course-key"]) {
      const ai = await connect({ apiKeys: ["course-key"] }, {}, key);
      const response = await ai.models.generateContent({ model, contents: "Hi" });
      assert.ok(response.text, key);
      await standin?.close();
    }
    const revoked = realLookingKeys[0] ?? "";
    const ai = await connect({ rejectKeys: [revoked] }, {}, revoked);
    const error = await rejection(ai.models.generateContent({ model, contents: "Hi" }));
    assert.equal(parseGeminiError(error)?.reason, "API_KEY_INVALID");
  });

  it("checks the key before the model, as the real API does", async () => {
    const ai = await connect({}, {}, "wrong");
    const error = await rejection(
      ai.models.generateContent({ model: "no-such-model", contents: "Hi" }),
    );
    assert.equal(error.status, 400);
  });

  it("answers an unknown model, or one without the method, with 404 NOT_FOUND naming the version", async () => {
    const ai = await connect();
    const error = await rejection(
      ai.models.generateContent({ model: "gemini-1.5-flash", contents: "Hi" }),
    );
    assert.equal(error.status, 404);
    assert.equal(
      parseGeminiError(error)?.message,
      "models/gemini-1.5-flash is not found for API version v1, or is not supported for generateContent. Call ListModels to see the list of available models and their supported methods.",
    );
    const streamed = await rejection(
      ai.models.generateContentStream({ model: "lab", contents: "Hi" }),
    );
    assert.equal(streamed.status, 404);
    assert.match(
      parseGeminiError(streamed)?.message ?? "",
      /^models\/lab is not found .* for generateContent\./,
    );
    const embedWithChat = await rejection(ai.models.embedContent({ model, contents: "Hi" }));
    assert.match(
      parseGeminiError(embedWithChat)?.message ?? "",
      /not supported for batchEmbedContents/,
    );
    const chatWithEmbed = await rejection(
      ai.models.generateContent({ model: "gemini-embedding-001", contents: "Hi" }),
    );
    assert.equal(chatWithEmbed.status, 404);
    const got = await rejection(ai.models.get({ model: "gemini-1.5-flash" }));
    assert.equal(
      parseGeminiError(got)?.message,
      "Model is not found: models/gemini-1.5-flash for api version v1",
    );
    assert.match(
      explainGeminiError(got),
      /^Not found \(404 NOT_FOUND\): check the model name \(GEMINI_MODEL\)/,
    );
  });

  it("answers a role other than user or model with 400 INVALID_ARGUMENT", async () => {
    const ai = await connect();
    const contents = [{ role: "assistant", parts: [{ text: "Hi" }] }];
    const error = await rejection(ai.models.generateContent({ model, contents }));
    assert.equal(error.status, 400);
    assert.equal(parseGeminiError(error)?.message, "Please use a valid role: user, model.");
    const noRole = await ai.models.generateContent({
      model,
      contents: [{ parts: [{ text: "Hi" }] }],
    });
    assert.ok(noRole.text, "a turn without a role is fine");
  });

  it("answers unknown field names, listing each as a BadRequest field violation", async () => {
    const ai = await connect({}, { extraBody: { generationConfig: { temprature: 0.5 } } });
    const error = await rejection(ai.models.generateContent({ model, contents: "Hi" }));
    assert.equal(error.status, 400);
    const message = `Invalid JSON payload received. Unknown name "temprature" at 'generation_config': Cannot find field.`;
    assert.equal(parseGeminiError(error)?.message, message);
    assert.match(
      error.message,
      /"fieldViolations":\[\{"field":"generation_config","description":"Invalid JSON/,
    );
    const raw = await post("generateContent", {
      contents: [{ parts: [{ text: "Hi" }], rol: "user" }],
      sistemInstruction: { parts: [{ text: "Be brief" }] },
    });
    assert.equal(raw.status, 400);
    assert.equal(
      raw.body.error.message,
      [
        `Invalid JSON payload received. Unknown name "sistemInstruction": Cannot find field.`,
        `Invalid JSON payload received. Unknown name "rol" at 'contents[0]': Cannot find field.`,
      ].join("\n"),
    );
    const snake = await post("generateContent", {
      contents: [{ role: "user", parts: [{ text: "Hi" }] }],
      generation_config: { max_output_tokens: 10 },
    });
    assert.equal(snake.status, 200, "snake_case names are accepted too");
  });

  it("answers wrongly typed or out-of-range values with 400 INVALID_ARGUMENT", async () => {
    const ai = await connect();
    const hot = await rejection(
      ai.models.generateContent({ model, contents: "Hi", config: { temperature: 7 } }),
    );
    assert.equal(
      parseGeminiError(hot)?.message,
      "* GenerateContentRequest.generation_config.temperature: must be in the range [0.0, 2.0]\n",
    );
    assert.match(
      explainGeminiError(hot),
      /^The API refused the request \(400 INVALID_ARGUMENT\): GenerateContentRequest/,
    );
    for (const config of [{ topP: 1.5 }, { candidateCount: 9 }, { temperature: -0.1 }]) {
      const error = await rejection(ai.models.generateContent({ model, contents: "Hi", config }));
      assert.equal(error.status, 400, JSON.stringify(config));
    }
    const typed = await post("generateContent", {
      contents: "not a list",
      generationConfig: { temperature: "hot" },
    });
    assert.equal(typed.status, 400);
    assert.equal(
      typed.body.error.message,
      [
        `Invalid value at 'contents' (type.googleapis.com/google.ai.generativelanguage.v1beta.Content), "not a list"`,
        `Invalid value at 'generation_config.temperature' (TYPE_FLOAT), "hot"`,
      ].join("\n"),
    );
    const empty = await post("generateContent", { contents: [] });
    assert.equal(
      empty.body.error.message,
      "* GenerateContentRequest.contents: contents is not specified\n",
    );
    const noParts = await post("countTokens", { contents: [{ role: "user", parts: [] }] });
    assert.equal(
      noParts.body.error.message,
      "* CountTokensRequest.contents[0].parts: contents.parts must not be empty.\n",
    );
    const broken = await post("countTokens", "{not json");
    assert.equal(broken.status, 400);
    assert.match(String(broken.body.error.message), /^Invalid JSON payload received/);
  });

  it("answers an unsupported responseMimeType with the API's list of allowed types", async () => {
    const ai = await connect();
    const config = { responseMimeType: "image/png" };
    const error = await rejection(ai.models.generateContent({ model, contents: "Hi", config }));
    assert.equal(
      parseGeminiError(error)?.message,
      "* GenerateContentRequest.generation_config.response_mime_type: allowed mimetypes are text/plain, application/json, application/xml, application/yaml and text/x.enum.\n",
    );
    const schemaWithText = await rejection(
      ai.models.generateContent({
        model,
        contents: "Hi",
        config: { responseSchema: { type: "STRING" as never } },
      }),
    );
    assert.equal(schemaWithText.status, 400);
  });

  it("refuses to turn thinking off on a model that always thinks", async () => {
    const ai = await connect();
    const config = { thinkingConfig: { thinkingBudget: 0 } };
    const error = await rejection(
      ai.models.generateContent({ model: "gemini-2.5-pro", contents: "Hi", config }),
    );
    assert.equal(
      parseGeminiError(error)?.message,
      "Budget 0 is invalid. This model only works in thinking mode.",
    );
  });

  it("checks function names and embedding sizes", async () => {
    const ai = await connect();
    const tools = [{ functionDeclarations: [{ name: "get weather", description: "x" }] }];
    const badName = await rejection(
      ai.models.generateContent({ model, contents: "Hi", config: { tools } }),
    );
    assert.match(
      parseGeminiError(badName)?.message ?? "",
      /function_declarations\[0\]\.name: Invalid function name/,
    );
    const small = await rejection(
      ai.models.embedContent({
        model: "gemini-embedding-001",
        contents: "Hi",
        config: { outputDimensionality: 64 },
      }),
    );
    assert.match(
      parseGeminiError(small)?.message ?? "",
      /output_dimensionality: must be between 128 and 3072, got 64/,
    );
  });

  it("answers an unknown path or API version with 404 NOT_FOUND", async () => {
    await connect();
    for (const path of ["/v1beta/files", "/v2/models/gemini-2.5-flash:generateContent"]) {
      const response = await fetch(`${standin?.url}${path}`, { method: "POST" });
      assert.equal(response.status, 404, path);
      assert.match(await response.text(), /"status": "NOT_FOUND"/);
    }
  });
});
