import { describe, expect, it } from "vitest";
import { answerFieldsOf, answerSchemaOf } from "@/components/builder/fields/answer-schema";

describe("the agent's answer schema as rows", () => {
  it("turns rows into a JSON Schema and back", () => {
    const rows = [
      { name: "category", type: "string" as const, description: "One of billing, bug, other", required: true },
      { name: "score", type: "number" as const, description: "", required: false },
      { name: "tags", type: "string[]" as const, description: "", required: true },
    ];
    const schema = answerSchemaOf(rows);
    expect(schema).toEqual({
      type: "object",
      properties: { category: { type: "string", description: "One of billing, bug, other" }, score: { type: "number" }, tags: { type: "array", items: { type: "string" } } },
      required: ["category", "tags"],
      additionalProperties: false,
    });
    expect(answerFieldsOf(schema)).toEqual(rows);
  });

  it("means no structured output without named rows, and leaves deeper schemas to JSON", () => {
    expect(answerSchemaOf([{ name: " ", type: "string", description: "", required: false }])).toBeUndefined();
    expect(answerFieldsOf(undefined)).toEqual([]);
    expect(answerFieldsOf({ type: "object", properties: { address: { type: "object", properties: { city: { type: "string" } } } } })).toBeNull();
    expect(answerFieldsOf({ type: "object", properties: { level: { type: "string", enum: ["a", "b"] } } })).toBeNull();
    expect(answerFieldsOf({ type: "array", items: { type: "string" } })).toBeNull();
  });
});
