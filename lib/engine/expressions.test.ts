import { describe, expect, it } from "vitest";
import { ExpressionError, parsePath, referencedPaths, resolveString, resolveValue } from "@/lib/engine/expressions";

const scope = {
  input: { name: "Ada", tags: ["x", "y"], nested: { "a b": 1 } },
  nodes: { fetch: { output: { status: 200, body: { items: [{ id: 7 }] } } } },
  item: { id: 3 },
  index: 2,
};

describe("expressions", () => {
  it("returns the value itself for a whole-string expression", () => {
    expect(resolveString("{{ nodes.fetch.output.body }}", scope)).toEqual({ items: [{ id: 7 }] });
    expect(resolveString("{{index}}", scope)).toBe(2);
  });

  it("interpolates inside text, objects as JSON, missing as empty", () => {
    expect(resolveString("Hi {{ input.name }} ({{ input.tags }}) {{ input.missing.deep }}!", scope)).toBe('Hi Ada (["x","y"]) !');
  });

  it("indexes arrays and quoted keys", () => {
    expect(resolveString("{{ nodes.fetch.output.body.items[0].id }}", scope)).toBe(7);
    expect(resolveString(`{{ input.nested["a b"] }}`, scope)).toBe(1);
    expect(resolveString("{{ input.tags[1] }}", scope)).toBe("y");
  });

  it("resolves deeply inside config objects", () => {
    expect(resolveValue({ url: "https://x.test/{{ item.id }}", headers: { a: "{{ input.name }}" }, n: 5 }, scope)).toEqual({
      url: "https://x.test/3",
      headers: { a: "Ada" },
      n: 5,
    });
  });

  it("cannot reach prototypes or run code", () => {
    expect(() => resolveString("{{ input.constructor.constructor }}", scope)).toThrow(ExpressionError);
    expect(() => resolveString("{{ input.__proto__ }}", scope)).toThrow(ExpressionError);
    expect(() => parsePath("process.exit()")).toThrow(ExpressionError);
    expect(() => parsePath("a..b")).toThrow(ExpressionError);
    expect(resolveString("{{ input.name.length }}", scope)).toBeUndefined();
  });

  it("lists referenced paths", () => {
    expect(referencedPaths({ a: "{{ nodes.x.output }} and {{input.y}}", b: ["{{ prev }}"] })).toEqual(["nodes.x.output", "input.y", "prev"]);
  });
});
