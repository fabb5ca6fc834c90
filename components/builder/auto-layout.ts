import dagre from "@dagrejs/dagre";
import type { BuilderEdge, BuilderNode } from "@/components/builder/types";

/** A card's size before React Flow has measured it (cards are w-60; the height varies a little). */
export const NODE_SIZE = { width: 240, height: 84 };

const sizeOf = (node: BuilderNode) => ({ width: node.measured?.width ?? NODE_SIZE.width, height: node.measured?.height ?? NODE_SIZE.height });

/**
 * Left-to-right layered layout (dagre), matching the cards' handles: inputs on the left, outputs
 * on the right. Dagre ignores which output handle an edge leaves from, so afterwards the branches
 * of a Condition/Router/Approval are put back in the order of their handles (true above false),
 * which keeps their edges from crossing.
 */
export function autoLayout(nodes: BuilderNode[], edges: BuilderEdge[], handleOrder: (node: BuilderNode) => string[] = () => []): BuilderNode[] {
  const graph = new dagre.graphlib.Graph();
  graph.setGraph({ rankdir: "LR", nodesep: 40, ranksep: 90, ranker: "network-simplex" });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const node of nodes) graph.setNode(node.id, sizeOf(node));
  for (const edge of edges) if (graph.hasNode(edge.source) && graph.hasNode(edge.target)) graph.setEdge(edge.source, edge.target);
  dagre.layout(graph);
  const position = new Map<string, { x: number; y: number }>();
  for (const node of nodes) {
    const laidOut = graph.node(node.id);
    position.set(node.id, laidOut ? { x: laidOut.x - laidOut.width / 2, y: laidOut.y - laidOut.height / 2 } : node.position);
  }
  orderBranches(nodes, edges, position, handleOrder);
  return nodes.map((node) => ({ ...node, position: position.get(node.id)! }));
}

/** Restacks each branching node's branch subtrees top to bottom in handle order, when they do not share nodes. */
function orderBranches(nodes: BuilderNode[], edges: BuilderEdge[], position: Map<string, { x: number; y: number }>, handleOrder: (node: BuilderNode) => string[]) {
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const outgoing = new Map<string, BuilderEdge[]>();
  for (const edge of edges) outgoing.set(edge.source, [...(outgoing.get(edge.source) ?? []), edge]);
  const reach = (start: string) => {
    const seen = new Set<string>();
    const queue = [start];
    while (queue.length) {
      const id = queue.shift()!;
      if (seen.has(id)) continue;
      seen.add(id);
      for (const edge of outgoing.get(id) ?? []) queue.push(edge.target);
    }
    return seen;
  };
  for (const node of nodes) {
    const handles = handleOrder(node);
    if (handles.length < 2) continue;
    const branches = handles
      .map((handle) => (outgoing.get(node.id) ?? []).filter((edge) => (edge.sourceHandle ?? "out") === handle).map((edge) => edge.target))
      .filter((targets) => targets.length > 0)
      .map((targets) => new Set(targets.flatMap((target) => [...reach(target)])));
    if (branches.length < 2) continue;
    // Only what a single branch reaches moves; nodes where branches meet again stay put.
    const exclusive = branches.map((branch, index) => [...branch].filter((id) => id !== node.id && branches.every((other, j) => j === index || !other.has(id))));
    if (exclusive.some((ids) => ids.length === 0)) continue;
    const bands = exclusive.map((ids) => {
      const top = Math.min(...ids.map((id) => position.get(id)!.y));
      const bottom = Math.max(...ids.map((id) => position.get(id)!.y + sizeOf(byId.get(id)!).height));
      return { ids, top, bottom };
    });
    const sorted = [...bands].sort((a, b) => a.top - b.top);
    // Overlapping bands are interleaved subtrees: moving them would make things worse.
    if (sorted.some((band, index) => index > 0 && band.top < sorted[index - 1]!.bottom)) continue;
    const gaps = sorted.slice(1).map((band, index) => band.top - sorted[index]!.bottom);
    let y = sorted[0]!.top;
    bands.forEach((band, index) => {
      const shift = y - band.top;
      for (const id of band.ids) position.set(id, { x: position.get(id)!.x, y: position.get(id)!.y + shift });
      y += band.bottom - band.top + (gaps[index] ?? 0);
    });
  }
}
