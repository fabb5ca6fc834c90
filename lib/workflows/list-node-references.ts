import { assertCan, type Actor } from "@/lib/auth/actor";
import { getDb, type Tx } from "@/lib/db";

/** What a node's config can name by id: a credential (the node's own, or an agent's HTTP tool's) or an MCP connection (an agent's MCP tool). */
export type NodeReferenceKind = "credential" | "mcp_connection";

export type NodeReferenceUsage = {
  referenceId: string;
  workflowId: string;
  workflowName: string;
  /** Nodes of the draft and of the active (published) version that name it. */
  draftNodeIds: string[];
  activeNodeIds: string[];
};

/**
 * Which workflows of the workspace name which credentials or MCP connections: in the draft graph
 * or in the active version (what runs and triggers use). One query over the workspace's graphs;
 * `referenceId` narrows it to one. An MCP tool that picks a connection ignores its own
 * `credentialId`, so that one does not count.
 */
export async function listNodeReferences(actor: Actor, { kind, referenceId }: { kind: NodeReferenceKind; referenceId?: string }, { tx }: { tx?: Tx } = {}): Promise<NodeReferenceUsage[]> {
  assertCan(actor, "workflows.read");
  const rows = await (tx ?? getDb()).$queryRaw<{ referenceId: string; workflowId: string; workflowName: string; source: "draft" | "active"; nodeId: string | null }[]>`
    SELECT r.ref AS "referenceId", w.id AS "workflowId", w.name AS "workflowName", g.source, n.value ->> 'id' AS "nodeId"
    FROM "Workflow" w
    CROSS JOIN LATERAL (
      SELECT 'draft' AS source, w.graph AS graph
      UNION ALL
      SELECT 'active' AS source, v.graph FROM "WorkflowVersion" v WHERE v."workflowId" = w.id AND v.version = w."activeVersion"
    ) g
    CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(g.graph -> 'nodes') = 'array' THEN g.graph -> 'nodes' ELSE '[]'::jsonb END) n
    CROSS JOIN LATERAL (
      SELECT 'credential' AS kind, n.value -> 'data' -> 'config' ->> 'credentialId' AS ref
      WHERE jsonb_typeof(n.value -> 'data' -> 'config' -> 'credentialId') = 'string'
      UNION ALL
      SELECT CASE WHEN jsonb_typeof(t.value -> 'connectionId') = 'string' THEN 'mcp_connection' ELSE 'credential' END,
             COALESCE(t.value ->> 'connectionId', t.value ->> 'credentialId')
      FROM jsonb_array_elements(CASE WHEN jsonb_typeof(n.value -> 'data' -> 'config' -> 'tools') = 'array' THEN n.value -> 'data' -> 'config' -> 'tools' ELSE '[]'::jsonb END) t
      WHERE jsonb_typeof(t.value) = 'object' AND (jsonb_typeof(t.value -> 'connectionId') = 'string' OR jsonb_typeof(t.value -> 'credentialId') = 'string')
    ) r
    WHERE w."workspaceId" = ${actor.workspaceId}
      AND r.kind = ${kind}
      AND (${referenceId ?? null}::text IS NULL OR r.ref = ${referenceId ?? null}::text)
    ORDER BY w.name, w.id, n.value ->> 'id'`;
  const usages = new Map<string, NodeReferenceUsage>();
  for (const row of rows) {
    const key = `${row.referenceId}\u0000${row.workflowId}`;
    let usage = usages.get(key);
    if (!usage) {
      usage = { referenceId: row.referenceId, workflowId: row.workflowId, workflowName: row.workflowName, draftNodeIds: [], activeNodeIds: [] };
      usages.set(key, usage);
    }
    const nodeIds = row.source === "draft" ? usage.draftNodeIds : usage.activeNodeIds;
    const nodeId = row.nodeId ?? "?";
    if (!nodeIds.includes(nodeId)) nodeIds.push(nodeId);
  }
  return [...usages.values()];
}
