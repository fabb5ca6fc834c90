import { referencedPaths, parsePath } from "@/lib/engine/expressions";
import { handleOf, indexGraph } from "@/lib/engine/graph";
import { ERROR_HANDLE } from "@/lib/schemas/workflow";
import { LOOP_BODY } from "@/lib/engine/nodes/loop/schema";
import { NODE_REGISTRY, type NodeRegistry } from "@/lib/engine/registry";
import type { WorkflowGraph } from "@/lib/engine/types";

export type GraphIssue = { nodeId?: string; edgeId?: string; path?: string; message: string };

/**
 * Everything that would stop a graph from running, each tied to the node or edge to show it on:
 * unknown types, invalid config, dangling or mis-wired edges, missing trigger, cycles that do
 * not go through a loop, unreachable nodes, unknown node references in expressions.
 */
export function validateGraph(graph: WorkflowGraph, registry: NodeRegistry = NODE_REGISTRY): GraphIssue[] {
  const issues: GraphIssue[] = [];
  const ids = new Set<string>();
  for (const node of graph.nodes) {
    if (ids.has(node.id)) issues.push({ nodeId: node.id, message: `Two nodes have the id "${node.id}".` });
    ids.add(node.id);
  }
  const edgeIds = new Set<string>();
  for (const edge of graph.edges) {
    if (edgeIds.has(edge.id)) issues.push({ edgeId: edge.id, message: `Two edges have the id "${edge.id}".` });
    edgeIds.add(edge.id);
  }

  const handles = new Map<string, string[]>();
  for (const node of graph.nodes) {
    const definition = registry.get(node.type);
    if (!definition) {
      issues.push({ nodeId: node.id, message: `Unknown node type "${node.type}".` });
      continue;
    }
    const parsed = definition.configSchema.safeParse(node.data.config ?? {});
    if (!parsed.success) {
      for (const issue of parsed.error.issues) issues.push({ nodeId: node.id, path: ["config", ...issue.path.map(String)].join("."), message: issue.message });
      continue;
    }
    const outputs = definition.outputs;
    const own = typeof outputs === "function" ? (outputs as (config: unknown) => string[])(parsed.data) : outputs;
    // On error "branch" adds the error output (not for triggers, which never take it).
    handles.set(node.id, node.data.onError === "branch" && definition.category !== "trigger" ? [...own, ERROR_HANDLE] : own);
    for (const path of referencedPaths(node.data.config ?? {})) {
      let segments: string[];
      try {
        segments = parsePath(path);
      } catch (error) {
        issues.push({ nodeId: node.id, message: (error as Error).message });
        continue;
      }
      if (segments[0] === "nodes" && segments[1] && !ids.has(segments[1])) {
        issues.push({ nodeId: node.id, message: `The expression {{ ${path} }} refers to a node "${segments[1]}" that is not in the workflow.` });
      }
    }
  }

  for (const edge of graph.edges) {
    if (!ids.has(edge.source)) issues.push({ edgeId: edge.id, message: `The edge starts at a missing node "${edge.source}".` });
    if (!ids.has(edge.target)) issues.push({ edgeId: edge.id, message: `The edge ends at a missing node "${edge.target}".` });
    const sourceHandles = handles.get(edge.source);
    if (sourceHandles && !(sourceHandles.length === 1 && !edge.sourceHandle) && !sourceHandles.includes(handleOf(edge))) {
      issues.push({ edgeId: edge.id, nodeId: edge.source, message: `"${edge.source}" has no output "${handleOf(edge)}" (it has: ${sourceHandles.join(", ") || "none"}).` });
    }
  }

  const index = indexGraph(graph);
  const triggers = graph.nodes.filter((node) => registry.get(node.type)?.category === "trigger");
  if (triggers.length === 0) issues.push({ message: "Add a trigger node: the workflow needs a starting point." });
  for (const trigger of triggers) {
    if ((index.incoming.get(trigger.id) ?? []).length > 0) issues.push({ nodeId: trigger.id, message: "A trigger cannot have incoming connections." });
  }

  for (const [loopId, body] of index.loopBodies) {
    if ((index.backEdges.get(loopId) ?? []).length === 0 && body.size > 0) {
      issues.push({ nodeId: loopId, message: "Connect the end of the loop body back to the loop." });
    }
    for (const id of body) {
      for (const edge of index.incoming.get(id) ?? []) {
        const fromInside = body.has(edge.source) || (edge.source === loopId && handleOf(edge) === LOOP_BODY);
        if (!fromInside) issues.push({ nodeId: id, edgeId: edge.id, message: `A loop body node can only take input from the loop "${loopId}" or other body nodes.` });
      }
    }
  }

  // Cycles on the forward graph (back edges into loops removed) never terminate.
  const state = new Map<string, "visiting" | "done">();
  const cyclic = new Set<string>();
  const visit = (id: string) => {
    state.set(id, "visiting");
    for (const edge of index.outgoing.get(id) ?? []) {
      if (index.backEdges.get(edge.target)?.includes(edge)) continue;
      const next = state.get(edge.target);
      if (next === "visiting") cyclic.add(edge.target);
      else if (!next) visit(edge.target);
    }
    state.set(id, "done");
  };
  for (const id of index.nodes.keys()) if (!state.has(id)) visit(id);
  for (const id of cyclic) issues.push({ nodeId: id, message: "This node is part of a cycle. Only loops may repeat nodes: use a Loop node." });

  const reachable = new Set<string>();
  const queue = triggers.map((trigger) => trigger.id);
  while (queue.length) {
    const id = queue.shift()!;
    if (reachable.has(id)) continue;
    reachable.add(id);
    for (const edge of index.outgoing.get(id) ?? []) queue.push(edge.target);
  }
  if (triggers.length) {
    for (const node of graph.nodes) {
      if (!reachable.has(node.id)) issues.push({ nodeId: node.id, message: "No trigger leads to this node: connect it or remove it." });
    }
  }
  return issues;
}
