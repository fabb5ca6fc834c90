import { assertCan, type Actor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { invalidCursor } from "@/lib/http/invalid-cursor";

type ListOptions = {
  limit?: number;
  cursor?: string;
  workflowId?: string;
  status?: "queued" | "running" | "waiting" | "completed" | "failed" | "cancelled" | "budget_exceeded";
  trigger?: string;
  from?: Date;
  to?: Date;
};

/** Newest first with `{ items, nextCursor }`. */
export async function listExecutions(actor: Actor, { limit = 20, cursor, workflowId, status, trigger, from, to }: ListOptions = {}) {
  assertCan(actor, "workflows.read");
  if (cursor && !(await getDb().execution.findFirst({ where: { id: cursor, workspaceId: actor.workspaceId }, select: { id: true } }))) throw invalidCursor();
  const rows = await getDb().execution.findMany({
    where: {
      workspaceId: actor.workspaceId,
      ...(workflowId ? { workflowId } : {}),
      ...(status ? { status } : {}),
      ...(trigger ? { trigger } : {}),
      ...(from || to ? { createdAt: { ...(from ? { gte: from } : {}), ...(to ? { lt: to } : {}) } } : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    select: { id: true, workflowId: true, version: true, status: true, trigger: true, error: true, inputTokens: true, outputTokens: true, costUsd: true, createdAt: true, startedAt: true, finishedAt: true, workflow: { select: { name: true } } },
  });
  const items = rows.slice(0, limit).map(({ workflow, ...row }) => ({ ...row, workflowName: workflow.name }));
  return { items, nextCursor: rows.length > limit ? items.at(-1)!.id : null };
}
