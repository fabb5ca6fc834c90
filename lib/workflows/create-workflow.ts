import { activityActor, assertCan, type Actor } from "@/lib/auth/actor";
import { recordActivity } from "@/lib/activity/record-activity";
import { getDb } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { WorkflowGraph } from "@/lib/schemas/workflow";

export const WORKFLOW_SUMMARY = { id: true, name: true, description: true, draftRevision: true, activeVersion: true, createdAt: true, updatedAt: true } as const;

export async function createWorkflow(actor: Actor, input: { name: string; description: string; graph: WorkflowGraph }) {
  assertCan(actor, "workflows.write");
  return getDb().$transaction(async (tx) => {
    const workflow = await tx.workflow.create({
      data: { workspaceId: actor.workspaceId, createdById: actor.userId, ...input, graph: input.graph as Prisma.InputJsonObject },
      select: { ...WORKFLOW_SUMMARY, graph: true },
    });
    await recordActivity(
      { workspaceId: actor.workspaceId, actor: activityActor(actor), action: "workflow.created", targetType: "workflow", targetId: workflow.id, data: { name: input.name } },
      { tx },
    );
    return workflow;
  });
}
