import { workspaceActor } from "@/lib/auth/workspace-actor";
import { NodeExecutionError, type StepRunner } from "@/lib/engine/types";
import { AppError } from "@/lib/errors/app-error";
import { getDb } from "@/lib/db";
import { startExecution } from "@/lib/executions/start-execution";
import { waitForExecutionEnd } from "@/lib/executions/wait-for-execution-end";
import { hasEnded } from "@/lib/schemas/execution";

export const MAX_SUB_WORKFLOW_DEPTH = 5;

type Parent = { id: string; workspaceId: string; depth: number };
type Ended = { status: string; output: unknown; error: string | null };

/**
 * A Sub-workflow node (or an agent's workflow tool): starts the child workflow's active version in
 * the same workspace and waits for it. The idempotency key ties the child to the calling step, so
 * a replay waits for the same child instead of starting another one.
 *
 * With `step` (called outside any step) it makes its own steps: on a driver that can invoke
 * (Inngest: step.invoke) the child is only queued, then run as the parent's invoked sub-run — no
 * step sits polling; otherwise (local driver) one step `<key>:child` starts it on the job driver
 * and waits, woken by the child's end notification. Without `step` it runs inside the caller's step.
 */
export async function runChildExecution({ parent, workflowId, input, key, signal, step }: { parent: Parent; workflowId: string; input: unknown; key: string; signal: AbortSignal; step?: StepRunner }): Promise<unknown> {
  if (parent.depth + 1 > MAX_SUB_WORKFLOW_DEPTH) throw new NodeExecutionError(`Sub-workflows nest at most ${MAX_SUB_WORKFLOW_DEPTH} deep (is a workflow calling itself?).`);
  const start = (enqueue: boolean) => startChild({ parent, workflowId, input, key, enqueue });
  if (step?.invokeExecution) {
    const { id } = await step.run(`${key}:start`, async () => ({ id: (await start(false)).id }));
    await step.invokeExecution(`${key}:child`, id);
    // The child's own run stored its outcome; read once, memoized (a replay takes the same path).
    return outcomeOf(await step.run(`${key}:result`, () => readEnded(id)));
  }
  const run = async () => {
    const child = await start(true);
    // The parent holds no slot while its child runs (the child may need that very slot).
    const wait = () => waitForExecutionEnd(child.id, { signal });
    return (await (step?.idleWhile ? step.idleWhile(wait) : wait()))!;
  };
  return outcomeOf(step ? await step.run(`${key}:child`, async () => endedOrThrow(await run())) : await run());
}

async function startChild({ parent, workflowId, input, key, enqueue }: { parent: Parent; workflowId: string; input: unknown; key: string; enqueue: boolean }) {
  try {
    return await startExecution(workspaceActor(parent.workspaceId), {
      workflowId,
      input: input && typeof input === "object" && !Array.isArray(input) ? (input as Record<string, unknown>) : { value: input },
      idempotencyKey: `sub:${parent.id}:${key}`,
      trigger: "sub-workflow",
      parent: { id: parent.id, depth: parent.depth },
      enqueue,
    });
  } catch (error) {
    if (error instanceof AppError) throw new NodeExecutionError(`The sub-workflow cannot start: ${error.message}`);
    throw error;
  }
}

async function readEnded(executionId: string): Promise<Ended> {
  const child = await getDb().execution.findUniqueOrThrow({ where: { id: executionId }, select: { status: true, output: true, error: true } });
  // The invoked run ended without storing an outcome (its function failed for good or was stopped).
  if (!hasEnded(child.status)) return { status: "failed", output: null, error: "its run stopped before it ended" };
  return child;
}

/** Inside the step, a failed child fails the step (recorded on its NodeRun); the outcome is the same. */
function endedOrThrow(ended: Ended): Ended {
  outcomeOf(ended);
  return ended;
}

function outcomeOf(ended: Ended): unknown {
  if (ended.status === "completed") return ended.output;
  throw new NodeExecutionError(`The sub-workflow ${ended.status === "failed" ? "failed" : `ended ${ended.status}`}: ${ended.error ?? "no details"}`);
}
