import { assertCan, type Actor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { invalidCursor } from "@/lib/http/invalid-cursor";
import { WORKFLOW_SUMMARY } from "@/lib/workflows/create-workflow";

/** Most recently updated first; `{ items, nextCursor }`. */
export async function listWorkflows(actor: Actor, { limit = 20, cursor }: { limit?: number; cursor?: string } = {}) {
  assertCan(actor, "workflows.read");
  if (cursor && !(await getDb().workflow.findFirst({ where: { id: cursor, workspaceId: actor.workspaceId }, select: { id: true } }))) throw invalidCursor();
  const rows = await getDb().workflow.findMany({
    where: { workspaceId: actor.workspaceId },
    orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    select: WORKFLOW_SUMMARY,
  });
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? items.at(-1)!.id : null };
}
