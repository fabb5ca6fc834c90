import dagre from "@dagrejs/dagre";
import type { BuilderEdge, BuilderNode } from "@/components/builder/types";

/** Left-to-right layered layout of the whole graph. */
export function autoLayout(nodes: BuilderNode[], edges: BuilderEdge[]): BuilderNode[] {
  const graph = new dagre.graphlib.Graph();
  graph.setGraph({ rankdir: "LR", nodesep: 40, ranksep: 90 });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const node of nodes) graph.setNode(node.id, { width: node.measured?.width ?? 200, height: node.measured?.height ?? 70 });
  for (const edge of edges) graph.setEdge(edge.source, edge.target);
  dagre.layout(graph);
  return nodes.map((node) => {
    const laidOut = graph.node(node.id);
    return laidOut ? { ...node, position: { x: laidOut.x - laidOut.width / 2, y: laidOut.y - laidOut.height / 2 } } : node;
  });
}
