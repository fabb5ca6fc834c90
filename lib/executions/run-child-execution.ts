import { setTimeout as delay } from "node:timers/promises";
import { workspaceActor } from "@/lib/auth/workspace-actor";
import { getDb } from "@/lib/db";
import { NodeExecutionError } from "@/lib/engine/types";
import { AppError } from "@/lib/errors/app-error";
import { startExecution } from "@/lib/executions/start-execution";

export const MAX_SUB_WORKFLOW_DEPTH = 5;

type Parent = { id: string; workspaceId: string; depth: number };

/**
 * A Sub-workflow node: starts the child workflow's active version in the same workspace and waits
 * for it. The idempotency key ties the child to the calling step, so a replay after a crash waits
 * for the same child instead of starting another one.
 */
export async function runChildExecution({ parent, workflowId, input, key, signal }: { parent: Parent; workflowId: string; input: unknown; key: string; signal: AbortSignal }): Promise<unknown> {
  if (parent.depth + 1 > MAX_SUB_WORKFLOW_DEPTH) throw new NodeExecutionError(`Sub-workflows nest at most ${MAX_SUB_WORKFLOW_DEPTH} deep (is a workflow calling itself?).`);
  const actor = workspaceActor(parent.workspaceId);
  let child;
  try {
    child = await startExecution(actor, {
      workflowId,
      input: input && typeof input === "object" && !Array.isArray(input) ? (input as Record<string, unknown>) : { value: input },
      idempotencyKey: `sub:${parent.id}:${key}`,
      trigger: "sub-workflow",
      parent: { id: parent.id, depth: parent.depth },
    });
  } catch (error) {
    if (error instanceof AppError) throw new NodeExecutionError(`The sub-workflow cannot start: ${error.message}`);
    throw error;
  }
  for (;;) {
    const current = await getDb().execution.findUniqueOrThrow({ where: { id: child.id }, select: { status: true, output: true, error: true } });
    if (current.status === "completed") return current.output;
    if (["failed", "cancelled", "budget_exceeded"].includes(current.status)) {
      throw new NodeExecutionError(`The sub-workflow ${current.status === "failed" ? "failed" : `ended ${current.status}`}: ${current.error ?? "no details"}`);
    }
    await delay(200, undefined, { signal });
  }
}
