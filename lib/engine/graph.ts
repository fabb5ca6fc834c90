import { LOOP_BODY } from "@/lib/engine/nodes/loop/schema";
import type { GraphEdge, GraphNode, WorkflowGraph } from "@/lib/engine/types";

export const LOOP_TYPE = "flow.loop";
export const DEFAULT_HANDLE = "out";

/** Indexes of a graph the scheduler and the validator share. */
export type GraphIndex = {
  nodes: Map<string, GraphNode>;
  outgoing: Map<string, GraphEdge[]>;
  /** Incoming edges without loop back edges (body → loop), i.e. the edges that gate readiness. */
  incoming: Map<string, GraphEdge[]>;
  backEdges: Map<string, GraphEdge[]>;
  /** Every node inside each loop's body (nested bodies included). */
  loopBodies: Map<string, Set<string>>;
  /** The innermost loop each body node belongs to; top-level nodes are absent. */
  ownerLoop: Map<string, string>;
};

export function indexGraph(graph: WorkflowGraph): GraphIndex {
  const nodes = new Map(graph.nodes.map((node) => [node.id, node]));
  const edges = graph.edges.filter((edge) => nodes.has(edge.source) && nodes.has(edge.target));
  const outgoing = new Map<string, GraphEdge[]>(graph.nodes.map((node) => [node.id, []]));
  for (const edge of edges) outgoing.get(edge.source)!.push(edge);

  const loopBodies = new Map<string, Set<string>>();
  for (const node of graph.nodes) {
    if (node.type !== LOOP_TYPE) continue;
    const body = new Set<string>();
    const queue = (outgoing.get(node.id) ?? []).filter((edge) => edge.sourceHandle === LOOP_BODY).map((edge) => edge.target);
    while (queue.length) {
      const id = queue.shift()!;
      if (id === node.id || body.has(id)) continue;
      body.add(id);
      for (const edge of outgoing.get(id) ?? []) queue.push(edge.target);
    }
    loopBodies.set(node.id, body);
  }

  const ownerLoop = new Map<string, string>();
  for (const [loopId, body] of loopBodies) {
    for (const id of body) {
      const current = ownerLoop.get(id);
      if (!current || loopBodies.get(current)!.size > body.size) ownerLoop.set(id, loopId);
    }
  }

  const incoming = new Map<string, GraphEdge[]>(graph.nodes.map((node) => [node.id, []]));
  const backEdges = new Map<string, GraphEdge[]>(graph.nodes.map((node) => [node.id, []]));
  for (const edge of edges) {
    const isBack = loopBodies.get(edge.target)?.has(edge.source) ?? false;
    (isBack ? backEdges : incoming).get(edge.target)!.push(edge);
  }
  return { nodes, outgoing, incoming, backEdges, loopBodies, ownerLoop };
}

/** Nodes whose innermost scope is `loopId` (or the top level when null). */
export function scopeMembers(index: GraphIndex, loopId: string | null): string[] {
  return [...index.nodes.keys()].filter((id) => (index.ownerLoop.get(id) ?? null) === loopId);
}

export function handleOf(edge: GraphEdge): string {
  return edge.sourceHandle ?? DEFAULT_HANDLE;
}
