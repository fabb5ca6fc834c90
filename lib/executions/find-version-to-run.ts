import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import type { WorkflowGraph } from "@/lib/schemas/workflow";

export type VersionToRun = { workflowId: string; versionId: string; version: number; graph: WorkflowGraph };

// A published version never changes, so its graph is cached by version id without invalidation
// (publishing makes a new version; the workflow's active version is read on every start).
const GRAPH_CACHE_SIZE = 500;
const graphs = new Map<string, WorkflowGraph>();

/**
 * The version a new run of a workflow of this workspace uses: `version`, or the active one.
 * One query (the workflow and its version together); the graph comes from the cache when it can.
 */
export async function findVersionToRun({ workspaceId, workflowId, version }: { workspaceId: string; workflowId: string; version?: number }): Promise<VersionToRun> {
  const rows = await getDb().$queryRaw<{ activeVersion: number | null; versionId: string | null; version: number | null }[]>`
    SELECT w."activeVersion", v.id AS "versionId", v.version
    FROM "Workflow" w
    LEFT JOIN "WorkflowVersion" v ON v."workflowId" = w.id AND v.version = COALESCE(${version ?? null}::int, w."activeVersion")
    WHERE w.id = ${workflowId} AND w."workspaceId" = ${workspaceId}`;
  const row = rows[0];
  if (!row) throw new AppError("not_found", "Workflow not found.");
  if (version === undefined && !row.activeVersion) throw new AppError("conflict", "Publish the workflow before running it.");
  if (!row.versionId || row.version === null) throw new AppError("not_found", `Version ${version ?? row.activeVersion} of this workflow does not exist.`);
  return { workflowId, versionId: row.versionId, version: row.version, graph: await versionGraph(row.versionId) };
}

/** A published version's graph (cached: versions never change). */
export async function versionGraph(versionId: string): Promise<WorkflowGraph> {
  const cached = graphs.get(versionId);
  if (cached) return cached;
  const { graph } = await getDb().workflowVersion.findUniqueOrThrow({ where: { id: versionId }, select: { graph: true } });
  if (graphs.size >= GRAPH_CACHE_SIZE) graphs.delete(graphs.keys().next().value!);
  graphs.set(versionId, graph as WorkflowGraph);
  return graph as WorkflowGraph;
}
