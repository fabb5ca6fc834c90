import crypto from "node:crypto";
import { z } from "zod";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import type { Budget } from "@/lib/engine/budget";
import { InMemoryStepRunner, RecordingSink } from "@/lib/engine/in-memory-step-runner";
import { NODE_REGISTRY, type NodeRegistry } from "@/lib/engine/registry";
import { indexGraph } from "@/lib/engine/graph";
import { runWorkflow } from "@/lib/engine/run-workflow";
import type { NodeDefinition, NodeResult, WorkflowGraph } from "@/lib/engine/types";
import { AppError } from "@/lib/errors/app-error";
import { buildNodeServices } from "@/lib/jobs/build-node-services";
import { userFacingMessage } from "@/lib/jobs/internal-error";
import { createRedactor } from "@/lib/jobs/redactor";
import { WorkflowGraphSchema } from "@/lib/schemas/workflow";

/** Stands in for an upstream node during a test: hands back its pinned output, runs nothing. */
const PINNED_TYPE = "agentry.pinned-output";
/** A test answers within the request: a wall-time cap unless the caller's budget says otherwise. */
const DEFAULT_TEST_BUDGET: Budget = { maxDurationMs: 120_000 };
const STEP_KEY_OF_NODE = /^node:([^:]+)((?::iter:\d+)*)$/;

export type TestWorkflowNodeInput = {
  workflowId: string;
  nodeId: string;
  executionId?: string;
  /** Pinned outputs of upstream nodes by id (they win over recorded ones). */
  inputs?: Record<string, unknown>;
  input?: Record<string, unknown>;
  budget?: Budget;
  signal?: AbortSignal;
};

/** Every node upstream of `nodeId` in the draft (not the node itself). */
function upstreamOf(graph: WorkflowGraph, nodeId: string): Set<string> {
  const found = new Set<string>();
  const queue = [nodeId];
  while (queue.length) {
    const id = queue.shift()!;
    for (const edge of graph.edges) {
      if (edge.target !== id || edge.source === nodeId || found.has(edge.source)) continue;
      found.add(edge.source);
      queue.push(edge.source);
    }
  }
  return found;
}

/**
 * "Test one node": runs one node of the draft through the engine — its registry definition,
 * config schema, expression resolution, node services (outbound policy, credentials), budget and
 * redaction — with the upstream outputs of a recorded execution (the given one, else the
 * workflow's latest) or outputs pinned by the caller. Upstream nodes do not run: each is replaced
 * by a stand-in that returns its pinned output. Nothing is stored (no Execution): a test is an
 * editor's question, answered in the response (docs/engine.md, "Test and replay").
 */
export async function testWorkflowNode(actor: Actor, request: TestWorkflowNodeInput) {
  assertCan(actor, "executions.run");
  const db = getDb();
  const workflow = await db.workflow.findFirst({ where: { id: request.workflowId, workspaceId: actor.workspaceId }, select: { id: true, graph: true } });
  if (!workflow) throw new AppError("not_found", "Workflow not found.");
  const graph = WorkflowGraphSchema.parse(workflow.graph);
  const node = graph.nodes.find((candidate) => candidate.id === request.nodeId);
  if (!node) throw new AppError("not_found", `The draft has no node "${request.nodeId}".`);
  const definition = NODE_REGISTRY.get(node.type);
  if (!definition) throw new AppError("unprocessable", `"${node.data.label ?? node.id}" has an unknown node type "${node.type}".`);
  // An approval waits for a person and emails them: it only makes sense inside a run.
  if (definition.category === "human") throw new AppError("unprocessable", `"${node.data.label ?? node.id}" waits for a person's decision: run the workflow to try it.`);

  const source = request.executionId
    ? await db.execution.findFirst({ where: { id: request.executionId, workspaceId: actor.workspaceId, workflowId: workflow.id }, select: { id: true, input: true } })
    : await db.execution.findFirst({ where: { workspaceId: actor.workspaceId, workflowId: workflow.id }, orderBy: { createdAt: "desc" }, select: { id: true, input: true } });
  if (request.executionId && !source) throw new AppError("not_found", "Execution not found.");

  const upstream = upstreamOf(graph, node.id);
  const strangers = Object.keys(request.inputs ?? {}).filter((id) => !upstream.has(id));
  if (strangers.length) {
    throw new AppError("bad_request", "Pinned inputs must name nodes upstream of the tested node.", { errors: strangers.map((id) => ({ path: `body.inputs.${id}`, message: `"${id}" is not upstream of "${node.id}".` })) });
  }

  // A node inside loop bodies is tested as one iteration: its own last recorded one, else the first.
  const index = indexGraph(graph);
  const enclosingLoops: string[] = []; // outermost first
  for (let loop = index.ownerLoop.get(node.id); loop; loop = index.ownerLoop.get(loop)) enclosingLoops.unshift(loop);
  const rows =
    source && (upstream.size || enclosingLoops.length)
      ? await db.nodeRun.findMany({ where: { executionId: source.id, kind: "node", status: "completed", nodeId: { in: [...upstream, node.id] } }, select: { key: true, nodeId: true, output: true } })
      : [];
  // Pure steps of one run can share a timestamp: the iteration numbers tell which came last.
  const iterationsOf = (key: string) => [...(STEP_KEY_OF_NODE.exec(key)?.[2] ?? "").matchAll(/:iter:(\d+)/g)].map((match) => Number(match[1]));
  const later = (a: number[], b: number[]) => {
    for (let level = 0; level < Math.min(a.length, b.length); level++) if (a[level] !== b[level]) return a[level]! > b[level]!;
    return false;
  };
  let recordedIterations: number[] = [];
  for (const row of rows) {
    if (row.nodeId !== node.id) continue;
    const found = iterationsOf(row.key);
    if (found.length && (!recordedIterations.length || later(found, recordedIterations))) recordedIterations = found;
  }
  // A loop whose list the caller pins is tested on that list's first item.
  const iterations = enclosingLoops.map((loopId, level) => (request.inputs && Object.hasOwn(request.inputs, loopId) ? 0 : (recordedIterations[level] ?? 0)));
  const iterationSuffix = iterations.map((iteration) => `:iter:${iteration}`).join("");

  // What each upstream node output in the source run: its step in the tested iteration (or at the
  // top level), else its last loop iteration.
  const recorded = new Map<string, { output: unknown; rank: number; iterations: number[] }>();
  for (const row of rows) {
    const match = STEP_KEY_OF_NODE.exec(row.key);
    if (!match || row.nodeId === node.id) continue;
    const suffix = match[2]!;
    const rank = iterationSuffix.startsWith(suffix) ? -1 : suffix.length;
    const iterations = iterationsOf(row.key);
    const seen = recorded.get(row.nodeId);
    if (!seen || rank < seen.rank || (rank === seen.rank && later(iterations, seen.iterations))) recorded.set(row.nodeId, { output: row.output, rank, iterations });
  }
  const pinned = new Map<string, unknown>();
  for (const id of upstream) {
    if (request.inputs && Object.hasOwn(request.inputs, id)) pinned.set(id, request.inputs[id]);
    else if (recorded.has(id)) pinned.set(id, recorded.get(id)!.output);
  }
  // A Loop's output is its list; its body sees one item (`{{ item }}`, `{{ index }}`, and the
  // value on the body edge).
  const vars: Record<string, unknown> = {};
  enclosingLoops.forEach((loopId, level) => {
    const list = pinned.get(loopId);
    if (!Array.isArray(list)) return;
    Object.assign(vars, { item: list[iterations[level]!], index: iterations[level]! });
    pinned.set(loopId, vars.item);
  });
  const missing = [...upstream].filter((id) => !pinned.has(id));

  // The node and its pinned upstream nodes as stand-ins; only edges into the node are kept, so
  // every stand-in runs at once and each pinned parent's output reaches the node (whatever branch
  // it took in the recorded run: a test runs the node you chose).
  const testGraph: WorkflowGraph = {
    nodes: [node, ...graph.nodes.filter((candidate) => pinned.has(candidate.id)).map((candidate) => ({ ...candidate, type: PINNED_TYPE, data: { label: candidate.data.label, config: {} } }))],
    edges: graph.edges.filter((edge) => edge.target === node.id && pinned.has(edge.source)),
  };
  const stand: NodeDefinition = {
    type: PINNED_TYPE,
    category: "data",
    label: "Pinned output",
    description: "An upstream node's recorded or pinned output (node tests only).",
    configSchema: z.object({}).passthrough(),
    outputs: ["out"],
    execute: async ({ nodeId }) => ({ output: pinned.get(nodeId) ?? null }),
  };
  const registry: NodeRegistry = new Map([...NODE_REGISTRY, [PINNED_TYPE, stand as unknown as NodeDefinition<never>]]);

  const testId = `test-${crypto.randomUUID()}`;
  const redactor = createRedactor();
  const step = new InMemoryStepRunner();
  const sink = new RecordingSink();
  const result = await runWorkflow({
    graph: testGraph,
    input: request.input ?? ((source?.input ?? {}) as Record<string, unknown>),
    step,
    sink,
    registry,
    services: buildNodeServices({ execution: { id: testId, workspaceId: actor.workspaceId, depth: 0 }, redactor }),
    budget: { ...DEFAULT_TEST_BUDGET, ...request.budget },
    triggerNodeId: definition.category === "trigger" ? node.id : undefined,
    vars,
    signal: request.signal,
    describeError: (error, where) => userFacingMessage(error, { executionId: testId, ...where }),
  });

  const key = `node:${node.id}`;
  const outcome = (step.memo.get(definition.stepwise ? key : definition.durable ? `${key}:completed` : key) ?? null) as (NodeResult & { durationMs?: number }) | null;
  const failed = sink.events.find((event) => event.type === "node.failed" && event.nodeId === node.id) as { error?: string } | undefined;
  const ranOk = result.status === "completed" && outcome !== null;
  return redactor.redact({
    nodeId: node.id,
    status: ranOk ? ("completed" as const) : ("failed" as const),
    output: ranOk ? (outcome!.output ?? null) : null,
    error: ranOk ? null : (failed?.error ?? result.error ?? "The node did not run."),
    branches: ranOk ? (outcome!.branches ?? null) : null,
    usage: { inputTokens: result.usage.inputTokens, outputTokens: result.usage.outputTokens, costUsd: result.usage.costUsd },
    durationMs: Math.round(outcome?.durationMs ?? 0),
    input: outcome?.input ?? null,
    pinned: { executionId: source?.id ?? null, nodeIds: [...pinned.keys()], missing },
  });
}
