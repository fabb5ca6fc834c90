"use client";

import "@xyflow/react/dist/style.css";
import { useMemo } from "react";
import { Background, ReactFlow, ReactFlowProvider } from "@xyflow/react";
import { CatalogProvider } from "@/components/builder/catalog-context";
import type { BuilderEdge, BuilderNode, CatalogEntry, RunStatus } from "@/components/builder/types";
import { WorkflowNode } from "@/components/builder/workflow-node";
import type { WorkflowGraph } from "@/lib/schemas/workflow";

/** The graph as it was when the run started (its pinned version), with each node's final state. */
export function ExecutionGraph({ graph, statuses, catalog }: { graph: WorkflowGraph; statuses: Record<string, RunStatus>; catalog: CatalogEntry[] }) {
  const catalogMap = useMemo(() => new Map(catalog.map((entry) => [entry.type, entry])), [catalog]);
  const nodeTypes = useMemo(() => Object.fromEntries(catalog.map((entry) => [entry.type, WorkflowNode])), [catalog]);
  const nodes = useMemo<BuilderNode[]>(() => graph.nodes.map((node) => ({ id: node.id, type: node.type, position: node.position, data: { label: node.data.label, config: node.data.config ?? {}, runStatus: statuses[node.id] } })), [graph, statuses]);
  const edges = useMemo<BuilderEdge[]>(() => graph.edges.map((edge) => ({ id: edge.id, source: edge.source, target: edge.target, sourceHandle: edge.sourceHandle ?? undefined })), [graph]);
  return (
    <CatalogProvider value={catalogMap}>
      <ReactFlowProvider>
        <div className="h-72 rounded-xl border border-slate-200 bg-white" aria-label="Graph at run time">
          <ReactFlow nodes={nodes} edges={edges} nodeTypes={nodeTypes} fitView fitViewOptions={{ maxZoom: 1 }} nodesDraggable={false} nodesConnectable={false}>
            <Background />
          </ReactFlow>
        </div>
      </ReactFlowProvider>
    </CatalogProvider>
  );
}
