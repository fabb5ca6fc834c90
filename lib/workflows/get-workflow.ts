import { assertCan, type Actor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { WORKFLOW_SUMMARY } from "@/lib/workflows/create-workflow";

export async function getWorkflow(actor: Actor, { workflowId }: { workflowId: string }) {
  assertCan(actor, "workflows.read");
  const workflow = await getDb().workflow.findFirst({
    where: { id: workflowId, workspaceId: actor.workspaceId },
    select: { ...WORKFLOW_SUMMARY, graph: true },
  });
  if (!workflow) throw new AppError("not_found", "Workflow not found.");
  return workflow;
}
