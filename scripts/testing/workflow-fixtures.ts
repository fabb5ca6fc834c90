import type { GraphEdge, GraphNode, WorkflowGraph } from "@/lib/engine/types";
import type { Prisma } from "@/lib/generated/prisma/client";

/** Small builders for workflow graphs in tests. */
export const gnode = (id: string, type: string, config: Record<string, unknown> = {}): GraphNode => ({ id, type, position: { x: 0, y: 0 }, data: { label: id, config } });
export const gedge = (source: string, target: string, sourceHandle?: string): GraphEdge => ({ id: `${source}-${sourceHandle ?? "out"}-${target}`, source, target, ...(sourceHandle ? { sourceHandle } : {}) });
export const ggraph = (nodes: GraphNode[], edges: GraphEdge[]): WorkflowGraph => ({ nodes, edges });

/** A graph as a Prisma JSON value (for seeding rows directly). */
export const asJson = (graph: WorkflowGraph) => graph as unknown as Prisma.InputJsonObject;
