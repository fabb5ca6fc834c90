import { assertCan, type Actor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import type { Budget } from "@/lib/engine/budget";
import { AppError } from "@/lib/errors/app-error";
import { startExecution } from "@/lib/executions/start-execution";
import { hasEnded } from "@/lib/schemas/execution";

/** Runs an ended execution again: same version, input and budget, as a new execution. */
export async function retryExecution(actor: Actor, { executionId }: { executionId: string }) {
  assertCan(actor, "executions.run");
  const previous = await getDb().execution.findFirst({ where: { id: executionId, workspaceId: actor.workspaceId }, select: { workflowId: true, version: true, input: true, budget: true, status: true, triggerNodeId: true } });
  if (!previous) throw new AppError("not_found", "Execution not found.");
  if (!hasEnded(previous.status)) throw new AppError("conflict", "The execution is still running.");
  return startExecution(actor, {
    workflowId: previous.workflowId,
    version: previous.version,
    input: (previous.input ?? {}) as Record<string, unknown>,
    budget: (previous.budget ?? undefined) as Budget | undefined,
    triggerNodeId: previous.triggerNodeId ?? undefined,
  });
}
