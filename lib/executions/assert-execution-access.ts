import { assertCan, type Actor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";

/** 404 unless the execution belongs to the actor's workspace. */
export async function assertExecutionAccess(actor: Actor, executionId: string): Promise<void> {
  assertCan(actor, "workflows.read");
  const found = await getDb().execution.findFirst({ where: { id: executionId, workspaceId: actor.workspaceId }, select: { id: true } });
  if (!found) throw new AppError("not_found", "Execution not found.");
}
