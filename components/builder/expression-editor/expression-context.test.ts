import { describe, expect, it } from "vitest";
import { completeCode, completeExpression, previewOf, upstreamOf, type ExpressionContext, type GraphView } from "@/components/builder/expression-editor/expression-context";
import { runDataOf } from "@/components/builder/expression-editor/use-last-run";

const graph: GraphView = {
  nodes: [
    { id: "trigger_1", type: "trigger.manual", data: { config: { fields: [{ name: "city" }] } } },
    { id: "http_1", type: "integration.http", data: { label: "Weather API" } },
    { id: "side_1", type: "data.transform", data: { config: { mode: "fields", fields: { unit: "C" } } } },
    { id: "transform_1", type: "data.transform" },
    { id: "after_1", type: "flow.output" },
  ],
  edges: [
    { source: "trigger_1", target: "http_1" },
    { source: "trigger_1", target: "side_1" },
    { source: "http_1", target: "transform_1" },
    { source: "transform_1", target: "after_1" },
  ],
};
const noRun: ExpressionContext = { nodeId: "transform_1", graph, run: null };
const withRun: ExpressionContext = { ...noRun, run: { input: { city: "Oslo" }, outputs: { trigger_1: { city: "Oslo" }, http_1: { status: 200, headers: {}, body: { temp: 21, sky: "clear" } } } } };
const labels = (before: string, context: ExpressionContext) => completeExpression(before, context)?.options.map((option) => option.label);

describe("expression completion", () => {
  it("walks the edges backwards: upstream nodes only, nearest first", () => {
    expect(upstreamOf("transform_1", graph.edges)).toEqual(["http_1", "trigger_1"]);
    expect(upstreamOf("trigger_1", graph.edges)).toEqual([]);
  });

  it("offers upstream outputs and the roots after {{", () => {
    const result = completeExpression("Hello {{ ", noRun)!;
    expect(result.from).toBe("Hello {{ ".length);
    expect(result.options.map((option) => option.label)).toEqual(["nodes.http_1.output", "nodes.trigger_1.output", "input", "prev", "nodes"]);
    expect(result.options[0]!.detail).toBe("Weather API");
    expect(labels("{{ nodes.", noRun)).toEqual(["http_1", "trigger_1"]);
    expect(labels("{{ nodes.http_1.", noRun)).toEqual(["output"]);
    expect(completeExpression("{{ input }} done", noRun)).toBeNull();
    expect(completeExpression("no braces", noRun)).toBeNull();
  });

  it("completes output fields from the last run's data, else from the declared outputs", () => {
    expect(labels("{{ nodes.http_1.output.", noRun)).toEqual(["status", "headers", "body"]);
    expect(completeExpression("{{ nodes.http_1.output.", noRun)!.options[0]!.detail).toBe("declared output");
    expect(labels("{{ nodes.http_1.output.body.", withRun)).toEqual(["temp", "sky"]);
    expect(completeExpression("{{ nodes.http_1.output.body.", withRun)!.options[0]!.detail).toBe("from the last run");
    expect(labels("{{ input.", noRun)).toEqual(["city"]);
    expect(labels("{{ prev.", withRun)).toEqual(["status", "headers", "body"]);
    const partial = completeExpression("{{ nodes.http_1.output.bo", withRun)!;
    expect(partial.from).toBe("{{ nodes.http_1.output.".length);
  });
});

describe("code completion", () => {
  it("completes `input.` in a Code node's source as the upstream output's fields", () => {
    const source = "const t = input.body.";
    const result = completeCode(source, withRun)!;
    expect(result.options.map((option) => option.label)).toEqual(["temp", "sky"]);
    expect(result.from).toBe(source.length);
    const partial = "return input.sta";
    expect(completeCode(partial, withRun)).toEqual({ from: "return input.".length, options: expect.arrayContaining([expect.objectContaining({ label: "status" })]) });
    expect(completeCode("return myinput.", withRun)).toBeNull();
    expect(completeCode("return input", withRun)).toBeNull();
  });
});

describe("expression preview", () => {
  it("resolves with the last run's data through the engine's resolver", () => {
    expect(previewOf("plain text", withRun)).toEqual({ state: "none" });
    expect(previewOf("{{ prev.body.temp }}", noRun)).toEqual({ state: "no-data" });
    expect(previewOf("{{ nodes.http_1.output.body.temp }} in {{ input.city }}", withRun)).toEqual({ state: "value", text: "21 in Oslo" });
    expect(previewOf("{{ prev.body }}", withRun)).toEqual({ state: "value", text: '{"temp":21,"sky":"clear"}' });
    expect(previewOf("{{ prev.missing }}", withRun)).toMatchObject({ state: "value", text: expect.stringContaining("undefined") });
    expect(previewOf("{{ prev..x }}", withRun)).toMatchObject({ state: "error" });
  });

  it("reads a run's node outputs by node id", () => {
    const run = runDataOf({ input: { a: 1 }, nodeRuns: [{ key: "node:loop_1:iter:0", nodeId: "x", kind: "node", output: 1 }, { key: "node:http_1", nodeId: "http_1", kind: "node", output: { status: 200 } }, { key: "node:http_1:turn", nodeId: "http_1", kind: "turn", output: "no" }] });
    expect(run).toEqual({ input: { a: 1 }, outputs: { x: 1, http_1: { status: 200 } } });
  });
});
