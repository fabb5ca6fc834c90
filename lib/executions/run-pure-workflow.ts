import type { Budget } from "@/lib/engine/budget";
import { NODE_REGISTRY } from "@/lib/engine/registry";
import { runWorkflow, type RunResult } from "@/lib/engine/run-workflow";
import type { EngineEvent, EventSink, NodeResult, StepRunner, WorkflowGraph } from "@/lib/engine/types";
import { userFacingMessage } from "@/lib/jobs/internal-error";
import { describeStepKey, TRACED_STEP_KINDS } from "@/lib/jobs/record-step-run";
import type { CompletedStepRow, StoredEvent } from "@/lib/stream/execution-event-sink";

/**
 * Whether every node of the graph only computes from its config and inputs (transform,
 * condition, router, merge, output, triggers): such a run has nothing to checkpoint, no side
 * effect to guard and nothing to wait for.
 */
export function isPureGraph(graph: WorkflowGraph): boolean {
  return graph.nodes.length > 0 && graph.nodes.every((node) => NODE_REGISTRY.get(node.type)?.pure === true);
}

export type PureRun = { result: RunResult; events: StoredEvent[]; steps: CompletedStepRow[] };

/**
 * Runs a pure graph in memory, collecting its events and steps, so that the whole execution —
 * start, every node, end — is stored by one statement afterwards. Nothing is stored if the
 * process dies before that: the run never happened, and nothing outside saw it (it has no side
 * effects). Callers check isPureGraph first.
 */
export async function runPureWorkflow({ graph, input, triggerNodeId, budget, startedAt }: { graph: WorkflowGraph; input: unknown; triggerNodeId?: string; budget?: Budget; startedAt: Date }): Promise<PureRun> {
  const step = new CollectingStepRunner();
  const sink = new CollectingSink();
  const result = await runWorkflow({ graph, input, step, sink, triggerNodeId, budget, startedAt: startedAt.getTime(), describeError: (error, where) => userFacingMessage(error, where) });
  const events: StoredEvent[] = [{ type: "execution.started", data: { startedAt: startedAt.toISOString() } }, ...sink.events];
  events.push({ type: `execution.${result.status}`, data: { status: result.status, output: result.output ?? null, error: result.error ?? null, failedNodeId: result.failedNodeId ?? null, usage: result.usage } });
  return { result, events, steps: step.steps };
}

class CollectingStepRunner implements StepRunner {
  readonly batchesPureSteps = true;
  readonly steps: CompletedStepRow[] = [];

  async run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const result = await fn();
    const { nodeId, kind } = describeStepKey(key);
    const traced = TRACED_STEP_KINDS.includes(kind) ? (result as NodeResult) : null;
    this.steps.push({ key, nodeId, kind, result, input: traced?.input, output: traced?.output, usage: traced?.usage, attempts: 1 });
    return result;
  }

  async sleep(): Promise<void> {
    throw new Error("A pure workflow does not sleep.");
  }

  async waitForEvent<T>(): Promise<T | null> {
    throw new Error("A pure workflow does not wait for events.");
  }
}

class CollectingSink implements EventSink {
  readonly events: StoredEvent[] = [];
  emit(event: EngineEvent) {
    if (event.type === "node.token") return;
    const { type, nodeId, ...data } = event;
    this.events.push({ type, nodeId, data });
  }
}
