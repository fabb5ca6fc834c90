import { workspaceActor } from "@/lib/auth/workspace-actor";
import { NodeExecutionError } from "@/lib/engine/types";
import { AppError } from "@/lib/errors/app-error";
import { startExecution } from "@/lib/executions/start-execution";
import { waitForExecutionEnd } from "@/lib/executions/wait-for-execution-end";

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
  const ended = (await waitForExecutionEnd(child.id, { signal }))!;
  if (ended.status === "completed") return ended.output;
  throw new NodeExecutionError(`The sub-workflow ${ended.status === "failed" ? "failed" : `ended ${ended.status}`}: ${ended.error ?? "no details"}`);
}
