// Drives the real @google/genai SDK against the Gemini stand-in: JSON mode (whole and streamed,
// with responseSchema or responseJsonSchema) and function calls.
import assert from "node:assert/strict";
import { FunctionCallingConfigMode, Type } from "@google/genai";
import { useStandin } from "./helpers.js";

const model = "gemini-flash-lite-latest";

describe("startStandin(): JSON mode and function calls", () => {
  const fixture = useStandin();
  const connect = fixture.connect;

  it("answers JSON mode with JSON, matching responseSchema or responseJsonSchema", async () => {
    const ai = await connect();
    const free = await ai.models.generateContent({
      model,
      contents: "List two tips",
      config: { responseMimeType: "application/json" },
    });
    assert.equal(typeof (JSON.parse(free.text ?? "") as { answer: unknown }).answer, "string");
    const responseSchema = {
      type: Type.OBJECT,
      properties: {
        title: { type: Type.STRING },
        tips: { type: Type.ARRAY, items: { type: Type.STRING }, minItems: "2" },
        level: { type: Type.STRING, enum: ["easy", "hard"] },
        minutes: { type: Type.INTEGER },
      },
      required: ["title", "tips", "level"],
      propertyOrdering: ["title", "tips", "level", "minutes"],
    };
    const openApi = await ai.models.generateContent({
      model,
      contents: "Two tips for a 15 minute read",
      config: { responseMimeType: "application/json", responseSchema },
    });
    const value = JSON.parse(openApi.text ?? "") as Record<string, unknown>;
    assert.deepEqual(Object.keys(value), ["title", "tips", "level", "minutes"]);
    assert.equal(typeof value.title, "string");
    assert.ok(Array.isArray(value.tips) && value.tips.length >= 2);
    assert.ok(["easy", "hard"].includes(value.level as string));
    assert.equal(value.minutes, 15, "a number from the prompt fills the integer");
    const responseJsonSchema = {
      type: "object",
      properties: {
        id: { type: "integer", minimum: 100, maximum: 200 },
        when: { type: "string", format: "date-time" },
        note: { type: ["string", "null"] },
        item: { $ref: "#/$defs/item" },
      },
      required: ["id", "when", "item"],
      $defs: { item: { type: "object", properties: { ok: { type: "boolean" } } } },
    };
    const jsonSchema = await ai.models.generateContent({
      model,
      contents: "Make a record",
      config: { responseMimeType: "application/json", responseJsonSchema },
    });
    const record = JSON.parse(jsonSchema.text ?? "") as Record<string, unknown>;
    assert.ok(Number.isInteger(record.id) && (record.id as number) >= 100);
    assert.ok(!Number.isNaN(Date.parse(String(record.when))));
    assert.equal(typeof record.note, "string");
    assert.equal(typeof (record.item as { ok: unknown }).ok, "boolean");
    const again = await ai.models.generateContent({
      model,
      contents: "Make a record",
      config: { responseMimeType: "application/json", responseJsonSchema },
    });
    assert.equal(again.text, jsonSchema.text, "the same request gets the same value");
  });

  it("streams JSON mode in pieces that join into valid JSON", async () => {
    const ai = await connect();
    const config = {
      responseMimeType: "application/json",
      responseJsonSchema: { type: "array", items: { type: "string" }, minItems: 3 },
    };
    const pieces = [];
    for await (const chunk of await ai.models.generateContentStream({
      model,
      contents: "Three words",
      config,
    }))
      pieces.push(chunk.text ?? "");
    assert.ok(pieces.length > 1);
    assert.equal((JSON.parse(pieces.join("")) as unknown[]).length, 3);
  });

  it("calls a declared function that fits the prompt, with arguments from it", async () => {
    const ai = await connect();
    const divide = {
      name: "customDivide",
      description: "Divide one number by another",
      parameters: {
        type: Type.OBJECT,
        properties: { numerator: { type: Type.NUMBER }, denominator: { type: Type.NUMBER } },
        required: ["numerator", "denominator"],
      },
    };
    const weather = {
      name: "get_weather",
      description: "Current weather for a city",
      parametersJsonSchema: {
        type: "object",
        properties: { city: { type: "string" } },
        required: ["city"],
      },
    };
    const tools = [{ functionDeclarations: [weather, divide] }];
    const contents = "Please divide 100 by 2";
    const call = await ai.models.generateContent({
      model: "gemini-2.5-flash",
      contents,
      config: { tools },
    });
    assert.deepEqual(call.functionCalls, [
      { name: "customDivide", args: { numerator: 100, denominator: 2 } },
    ]);
    const part = call.candidates?.[0]?.content?.parts?.[0];
    assert.equal(typeof part?.thoughtSignature, "string", "a thinking model signs its call");
    const city = await ai.models.generateContent({
      model,
      contents: 'What is the weather in "Lisbon"?',
      config: { tools },
    });
    assert.deepEqual(city.functionCalls?.[0], { name: "get_weather", args: { city: "Lisbon" } });
    // With the function's result in the conversation, the model answers in words.
    const answered = await ai.models.generateContent({
      model,
      contents: [
        { role: "user", parts: [{ text: contents }] },
        { role: "model", parts: [{ functionCall: call.functionCalls?.[0] }] },
        {
          role: "user",
          parts: [{ functionResponse: { name: "customDivide", response: { result: 50 } } }],
        },
      ],
      config: { tools },
    });
    assert.equal(answered.functionCalls, undefined);
    assert.ok(answered.text);
    const unrelated = await ai.models.generateContent({
      model,
      contents: "Tell me a joke",
      config: { tools },
    });
    assert.equal(unrelated.functionCalls, undefined, "AUTO mode calls nothing unrelated");
    const forced = await ai.models.generateContent({
      model,
      contents: "Tell me a joke",
      config: {
        tools,
        toolConfig: {
          functionCallingConfig: {
            mode: FunctionCallingConfigMode.ANY,
            allowedFunctionNames: ["get_weather"],
          },
        },
      },
    });
    assert.equal(forced.functionCalls?.[0]?.name, "get_weather", "ANY mode always calls");
  });
});
