import { getDb } from "@/lib/db";
import type { Budget } from "@/lib/engine/budget";
import { runWorkflow, type RunResult } from "@/lib/engine/run-workflow";
import type { StepRunner } from "@/lib/engine/types";
import { Prisma } from "@/lib/generated/prisma/client";
import { buildNodeServices } from "@/lib/jobs/build-node-services";
import { userFacingMessage } from "@/lib/jobs/internal-error";
import type { Redactor } from "@/lib/jobs/redactor";
import { hasEnded } from "@/lib/schemas/execution";
import { WorkflowGraphSchema } from "@/lib/schemas/workflow";
import { ExecutionEventSink } from "@/lib/stream/execution-event-sink";

/**
 * Why a run stopped without an outcome: the process shuts down (the worker hands the lease
 * back), or its lease went to another worker. Passed as the abort reason of runExecution's signal;
 * nothing is recorded as the execution's end, and it resumes elsewhere from its stored steps.
 */
export class RunInterrupted extends Error {
  override name = "RunInterrupted";
  constructor(readonly reason: "shutdown" | "lease lost") {
    super(`The run was interrupted (${reason}); it resumes from its stored steps.`);
  }
}

export const EXECUTION_TO_RUN = {
  id: true,
  workspaceId: true,
  depth: true,
  status: true,
  input: true,
  budget: true,
  triggerNodeId: true,
  startedAt: true,
  createdAt: true,
  cancelRequestedAt: true,
  workflowVersion: { select: { graph: true } },
} as const satisfies Prisma.ExecutionSelect;

export type ExecutionToRun = Prisma.ExecutionGetPayload<{ select: typeof EXECUTION_TO_RUN }>;

/**
 * Runs (or resumes) one execution through a StepRunner — the same code for both drivers: loads
 * the pinned version, runs the engine, stores the outcome. Replays are safe: every side effect
 * sits in a memoized step, including the start and end events.
 */
export async function runExecution({
  executionId,
  step,
  redactor,
  signal,
  sink = new ExecutionEventSink(executionId, redactor),
  execution: known,
}: {
  executionId: string;
  step: StepRunner;
  redactor: Redactor;
  signal?: AbortSignal;
  /** The execution's event sink, when the driver shares it with its step runner. */
  sink?: ExecutionEventSink;
  /** The execution as its creator just stored it (saves reading it back). */
  execution?: ExecutionToRun;
}): Promise<RunResult | null> {
  const db = getDb();
  const execution = known ?? (await db.execution.findUnique({ where: { id: executionId }, select: EXECUTION_TO_RUN }));
  if (!execution) return null;
  // Decided once and memoized: on Inngest the code outside steps runs again on every step, and
  // must take the same path each time (the graph, input and budget of an execution never change).
  const { startedAt, skip } = await step.run("execution:started", async () => {
    if (hasEnded(execution.status)) return { startedAt: "", skip: true };
    const startedAt = execution.startedAt ?? new Date();
    await db.execution.update({ where: { id: executionId }, data: { status: "running", startedAt } });
    await sink.append({ type: "execution.started", data: { startedAt: startedAt.toISOString() } });
    return { startedAt: startedAt.toISOString(), skip: false };
  });
  if (skip) return null;
  const controller = new AbortController();
  // A signal aborted before this point (a cancel during the start step) fires no listener.
  if (signal?.aborted) controller.abort(signal.reason);
  else signal?.addEventListener("abort", () => controller.abort(signal.reason), { once: true });
  if (execution.cancelRequestedAt) controller.abort();

  const result = await runWorkflow({
    graph: WorkflowGraphSchema.parse(execution.workflowVersion.graph),
    input: execution.input,
    step,
    sink,
    services: buildNodeServices({ execution, redactor }),
    budget: (execution.budget ?? undefined) as Budget | undefined,
    triggerNodeId: execution.triggerNodeId ?? undefined,
    startedAt: Date.parse(startedAt),
    signal: controller.signal,
    // Internal errors (database, driver) reach users as an error id; details go to the server log.
    describeError: (error, where) => userFacingMessage(error, { executionId, ...where }),
  });

  if (controller.signal.reason instanceof RunInterrupted) return null;

  // The end, the terminal event and whatever is still queued are stored by one statement.
  const finish = () => sink.finishExecution({ status: result.status, output: result.output ?? null, error: result.error ?? null, failedNodeId: result.failedNodeId ?? null, usage: result.usage });
  if (step.batchesPureSteps) {
    // The local driver never resumes an ended execution (it claims running ones only), so the
    // end needs no step record of its own.
    await finish();
  } else {
    await step.run("execution:finished", async () => {
      await finish();
      return null;
    });
  }
  return result;
}
