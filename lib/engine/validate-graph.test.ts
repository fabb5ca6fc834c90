import { describe, expect, it } from "vitest";
import { validateGraph } from "@/lib/engine/validate-graph";
import type { GraphEdge, GraphNode } from "@/lib/engine/types";

const node = (id: string, type: string, config: Record<string, unknown> = {}): GraphNode => ({ id, type, position: { x: 0, y: 0 }, data: { config } });
const edge = (source: string, target: string, sourceHandle?: string): GraphEdge => ({ id: `${source}-${target}-${sourceHandle ?? ""}`, source, target, sourceHandle });
const t = node("start", "trigger.manual");
const x = (id: string) => node(id, "data.transform", { mode: "template", template: "x" });

describe("validateGraph", () => {
  it("accepts a valid graph with a loop", () => {
    const nodes = [t, node("each", "flow.loop", { items: "{{ input.list }}" }), x("body"), x("after")];
    expect(validateGraph({ nodes, edges: [edge("start", "each"), edge("each", "body", "body"), edge("body", "each"), edge("each", "after", "done")] })).toEqual([]);
  });

  it("names unknown types, invalid config, and missing triggers per node", () => {
    const issues = validateGraph({ nodes: [node("a", "nope.node"), node("b", "logic.condition", { operator: "equals" })], edges: [] });
    expect(issues).toContainEqual({ nodeId: "a", message: 'Unknown node type "nope.node".' });
    expect(issues).toContainEqual(expect.objectContaining({ nodeId: "b", path: "config.left" }));
    expect(issues).toContainEqual({ message: "Add a trigger node: the workflow needs a starting point." });
  });

  it("gives a node the error output only with On error: branch", () => {
    const http = (onError?: "stop" | "continue" | "branch"): GraphNode => ({ ...node("call", "integration.http", { url: "https://example.com" }), data: { config: { url: "https://example.com" }, ...(onError ? { onError } : {}) } });
    const edges = [edge("start", "call"), edge("call", "a"), edge("call", "b", "error")];
    expect(validateGraph({ nodes: [t, http("branch"), x("a"), x("b")], edges })).toEqual([]);
    expect(validateGraph({ nodes: [t, http("continue"), x("a"), x("b")], edges }).map((issue) => issue.message)).toEqual([expect.stringMatching(/"call" has no output "error"/)]);
  });

  it("finds dangling edges and outputs a node does not have", () => {
    const issues = validateGraph({ nodes: [t, x("a")], edges: [edge("start", "ghost"), edge("start", "a", "nope")] });
    expect(issues.map((issue) => issue.message)).toEqual(expect.arrayContaining(['The edge ends at a missing node "ghost".', expect.stringMatching(/has no output "nope"/)]));
  });

  it("refuses cycles that do not go through a loop", () => {
    const issues = validateGraph({ nodes: [t, x("a"), x("b")], edges: [edge("start", "a"), edge("a", "b"), edge("b", "a")] });
    expect(issues.some((issue) => /part of a cycle/.test(issue.message))).toBe(true);
  });

  it("flags unreachable nodes and expressions naming missing nodes", () => {
    const issues = validateGraph({ nodes: [t, x("a"), node("b", "data.transform", { mode: "template", template: "{{ nodes.zzz.output }}" })], edges: [edge("start", "b")] });
    expect(issues).toContainEqual({ nodeId: "a", message: "No trigger leads to this node: connect it or remove it." });
    expect(issues).toContainEqual(expect.objectContaining({ nodeId: "b", message: expect.stringMatching(/node "zzz" that is not in the workflow/) }));
  });

  it("requires loop bodies to close back on the loop and take input only from it", () => {
    const open = validateGraph({ nodes: [t, node("each", "flow.loop", { items: "{{ input.l }}" }), x("body")], edges: [edge("start", "each"), edge("each", "body", "body")] });
    expect(open).toContainEqual({ nodeId: "each", message: "Connect the end of the loop body back to the loop." });
    const leaky = validateGraph({
      nodes: [t, node("each", "flow.loop", { items: "{{ input.l }}" }), x("body"), x("outside")],
      edges: [edge("start", "each"), edge("start", "outside"), edge("each", "body", "body"), edge("outside", "body"), edge("body", "each")],
    });
    expect(leaky.some((issue) => issue.nodeId === "body" && /only take input/.test(issue.message))).toBe(true);
  });

  it("refuses incoming connections into a trigger", () => {
    const issues = validateGraph({ nodes: [t, x("a"), node("hook", "trigger.webhook")], edges: [edge("start", "a"), edge("a", "hook")] });
    expect(issues).toContainEqual({ nodeId: "hook", message: "A trigger cannot have incoming connections." });
  });
});
