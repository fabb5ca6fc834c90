import { assertCan, type Actor } from "@/lib/auth/actor";
import { getDb, type Tx } from "@/lib/db";

export type CredentialUsage = {
  credentialId: string;
  workflowId: string;
  workflowName: string;
  /** Nodes of the draft and of the active (published) version that name the credential. */
  draftNodeIds: string[];
  activeNodeIds: string[];
};

/**
 * Which workflows use which credentials: nodes whose config names the credential in the draft
 * graph or in the active version (what runs and triggers use). One query over the workspace's
 * graphs; `credentialId` narrows it to one credential.
 */
export async function listCredentialUsage(actor: Actor, { credentialId }: { credentialId?: string } = {}, { tx }: { tx?: Tx } = {}): Promise<CredentialUsage[]> {
  assertCan(actor, "workflows.read");
  const rows = await (tx ?? getDb()).$queryRaw<{ credentialId: string; workflowId: string; workflowName: string; source: "draft" | "active"; nodeId: string | null }[]>`
    SELECT n.value -> 'data' -> 'config' ->> 'credentialId' AS "credentialId", w.id AS "workflowId", w.name AS "workflowName", g.source, n.value ->> 'id' AS "nodeId"
    FROM "Workflow" w
    CROSS JOIN LATERAL (
      SELECT 'draft' AS source, w.graph AS graph
      UNION ALL
      SELECT 'active' AS source, v.graph FROM "WorkflowVersion" v WHERE v."workflowId" = w.id AND v.version = w."activeVersion"
    ) g
    CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(g.graph -> 'nodes') = 'array' THEN g.graph -> 'nodes' ELSE '[]'::jsonb END) n
    WHERE w."workspaceId" = ${actor.workspaceId}
      AND jsonb_typeof(n.value -> 'data' -> 'config' -> 'credentialId') = 'string'
      AND (${credentialId ?? null}::text IS NULL OR n.value -> 'data' -> 'config' ->> 'credentialId' = ${credentialId ?? null}::text)
    ORDER BY w.name, w.id, n.value ->> 'id'`;
  const usages = new Map<string, CredentialUsage>();
  for (const row of rows) {
    const key = `${row.credentialId}\u0000${row.workflowId}`;
    let usage = usages.get(key);
    if (!usage) {
      usage = { credentialId: row.credentialId, workflowId: row.workflowId, workflowName: row.workflowName, draftNodeIds: [], activeNodeIds: [] };
      usages.set(key, usage);
    }
    const nodeIds = row.source === "draft" ? usage.draftNodeIds : usage.activeNodeIds;
    const nodeId = row.nodeId ?? "?";
    if (!nodeIds.includes(nodeId)) nodeIds.push(nodeId);
  }
  return [...usages.values()];
}
