import type { Actor } from "@/lib/auth/actor";
import { getDb, type Tx } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";

/** A trigger of a workflow of the actor's workspace (404 for anything else). */
export async function findTrigger(actor: Actor, { workflowId, triggerId, tx }: { workflowId: string; triggerId: string; tx?: Tx }) {
  const trigger = await (tx ?? getDb()).trigger.findFirst({ where: { id: triggerId, workflowId, workspaceId: actor.workspaceId } });
  if (!trigger) throw new AppError("not_found", "Trigger not found.");
  return trigger;
}
