import { assertCan, type Actor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";

/** Status, input, output, error, usage, cost and every node run (bookkeeping steps left out). */
export async function getExecution(actor: Actor, { executionId }: { executionId: string }) {
  assertCan(actor, "workflows.read");
  const execution = await getDb().execution.findFirst({
    where: { id: executionId, workspaceId: actor.workspaceId },
    select: {
      id: true, workflowId: true, version: true, status: true, trigger: true, input: true, output: true, error: true, failedNodeId: true, budget: true,
      inputTokens: true, outputTokens: true, costUsd: true, createdAt: true, startedAt: true, finishedAt: true, cancelRequestedAt: true, replayOfId: true, replayFromNodeId: true,
      nodeRuns: {
        // Nodes, and the model turns and tool calls of agents (their trace).
        where: { kind: { in: ["node", "turn", "tool"] } },
        orderBy: { startedAt: "asc" },
        select: { key: true, nodeId: true, kind: true, status: true, input: true, output: true, error: true, result: true, attempts: true, inputTokens: true, outputTokens: true, costUsd: true, model: true, reused: true, startedAt: true, finishedAt: true },
      },
    },
  });
  if (!execution) throw new AppError("not_found", "Execution not found.");
  const { inputTokens, outputTokens, costUsd, nodeRuns, ...rest } = execution;
  return { ...rest, usage: { inputTokens, outputTokens, costUsd }, nodeRuns: nodeRuns.map(withHandledError), eventsUrl: `/api/v1/executions/${execution.id}/events` };
}

/** A node whose failure its On error setting handled completed its step with `failed` in the result: say so. */
function withHandledError<T extends { status: string; error: string | null; result: unknown }>({ result, ...run }: T) {
  const failed = run.status === "completed" && result && typeof result === "object" ? (result as { failed?: unknown }).failed : undefined;
  return typeof failed === "string" ? { ...run, error: failed, errorHandled: true } : { ...run, errorHandled: false };
}
