import { assertCan, type Actor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { WorkflowGraphSchema } from "@/lib/schemas/workflow";

/** The graph an execution ran (its pinned version) and the workflow's name. */
export async function getExecutionGraph(actor: Actor, { executionId }: { executionId: string }) {
  assertCan(actor, "workflows.read");
  const execution = await getDb().execution.findFirst({
    where: { id: executionId, workspaceId: actor.workspaceId },
    select: { workflowVersion: { select: { graph: true } }, workflow: { select: { name: true } } },
  });
  if (!execution) throw new AppError("not_found", "Execution not found.");
  return { graph: WorkflowGraphSchema.parse(execution.workflowVersion.graph), workflowName: execution.workflow.name };
}
