import { describe, expect, it } from "vitest";
import { autoLayout, NODE_SIZE } from "@/components/builder/auto-layout";
import type { BuilderEdge, BuilderNode } from "@/components/builder/types";

const node = (id: string, type = "data.transform"): BuilderNode => ({ id, type, position: { x: 0, y: 0 }, data: {} });
const edge = (source: string, target: string, sourceHandle?: string): BuilderEdge => ({ id: `${source}-${sourceHandle ?? "out"}-${target}`, source, target, sourceHandle });
const handles = (candidate: BuilderNode) => (candidate.type === "logic.condition" ? ["true", "false"] : ["out"]);

describe("autoLayout", () => {
  const nodes = [node("start", "trigger.manual"), node("http"), node("check", "logic.condition"), node("yes"), node("no"), node("out", "flow.output")];
  // The false branch is connected first: dagre alone would put it on top.
  const edges = [edge("start", "http"), edge("http", "check"), edge("check", "no", "false"), edge("check", "yes", "true"), edge("yes", "out"), edge("no", "out")];
  const laidOut = new Map(autoLayout(nodes, edges, handles).map((entry) => [entry.id, entry.position]));

  it("lays the graph out left to right: every edge goes from left to right", () => {
    for (const { source, target } of edges) expect(laidOut.get(target)!.x).toBeGreaterThanOrEqual(laidOut.get(source)!.x + NODE_SIZE.width);
  });

  it("puts a condition's branches in the order of its handles, true above false", () => {
    expect(laidOut.get("yes")!.y + NODE_SIZE.height).toBeLessThanOrEqual(laidOut.get("no")!.y);
    expect(laidOut.get("yes")!.x).toBe(laidOut.get("no")!.x);
  });

  it("keeps branches in handle order whichever was connected first", () => {
    const other = new Map(autoLayout(nodes, [...edges].reverse(), handles).map((entry) => [entry.id, entry.position]));
    expect(other.get("yes")!.y).toBeLessThan(other.get("no")!.y);
  });

  it("leaves a single chain on one row", () => {
    const chain = autoLayout([node("a"), node("b"), node("c")], [edge("a", "b"), edge("b", "c")]);
    expect(new Set(chain.map((entry) => entry.position.y)).size).toBe(1);
  });
});
