import { declaredOutputOf } from "@/components/builder/node-outputs";
import { parsePath, resolveString, type ExpressionScope } from "@/lib/engine/expressions";

/**
 * What an expression field knows about its surroundings: the graph (to walk upstream), the last
 * run's data (to complete real output fields and preview values). Pure: unit-tested.
 */
export type GraphView = {
  nodes: { id: string; type?: string; data?: { label?: string; config?: Record<string, unknown> } }[];
  edges: { source: string; target: string }[];
};

/** A finished (or running) execution's input and each node's output, by node id. */
export type RunData = { input: unknown; outputs: Record<string, unknown> };

export type ExpressionContext = { nodeId: string | null; graph: GraphView; run: RunData | null };

/** Nodes upstream of `nodeId` (walking edges backwards), nearest first. */
export function upstreamOf(nodeId: string, edges: GraphView["edges"]): string[] {
  const seen = new Set<string>();
  const queue = edges.filter((edge) => edge.target === nodeId).map((edge) => edge.source);
  while (queue.length) {
    const id = queue.shift()!;
    if (seen.has(id) || id === nodeId) continue;
    seen.add(id);
    queue.push(...edges.filter((edge) => edge.target === id).map((edge) => edge.source));
  }
  return [...seen];
}

/** The scope the engine would resolve this node's expressions in, from the last run's data. */
export function scopeFor(context: ExpressionContext): ExpressionScope | null {
  if (!context.run) return null;
  const { run, graph, nodeId } = context;
  const nodes = Object.fromEntries(Object.entries(run.outputs).map(([id, output]) => [id, { output }]));
  const direct = nodeId ? graph.edges.filter((edge) => edge.target === nodeId).map((edge) => edge.source) : [];
  const inputs = Object.fromEntries(direct.filter((id) => id in run.outputs).map((id) => [id, run.outputs[id]]));
  const values = Object.values(inputs);
  const scope: ExpressionScope = { input: run.input, nodes, prev: values.length === 1 ? values[0] : inputs };
  // Inside a loop, the preview shows the first item (the engine runs one scope per item).
  const loop = nodeId ? upstreamOf(nodeId, graph.edges).find((id) => graph.nodes.find((node) => node.id === id)?.type === "flow.loop") : undefined;
  if (loop && Array.isArray(run.outputs[loop])) Object.assign(scope, { item: (run.outputs[loop] as unknown[])[0], index: 0 });
  return scope;
}

/** The example value completion walks: the last run's, else the declared output shape. */
function sampleOf(context: ExpressionContext, root: string, nodeId?: string): { value: unknown; source: "run" | "declared" } | null {
  const { run, graph } = context;
  if (root === "nodes" && nodeId) {
    if (run && nodeId in run.outputs) return { value: run.outputs[nodeId], source: "run" };
    const node = graph.nodes.find((candidate) => candidate.id === nodeId);
    const declared = declaredOutputOf(node?.type, node?.data?.config ?? {});
    return declared === null ? null : { value: declared, source: "declared" };
  }
  if (root === "input") {
    if (run) return { value: run.input, source: "run" };
    const trigger = graph.nodes.find((node) => node.type?.startsWith("trigger."));
    const declared = trigger ? declaredOutputOf(trigger.type, trigger.data?.config ?? {}) : null;
    return declared === null ? null : { value: declared, source: "declared" };
  }
  if (root === "prev" && context.nodeId) {
    const direct = graph.edges.filter((edge) => edge.target === context.nodeId).map((edge) => edge.source);
    if (direct.length === 1) return sampleOf(context, "nodes", direct[0]);
    return { value: Object.fromEntries(direct.map((id) => [id, null])), source: "declared" };
  }
  return null;
}

export type Suggestion = { label: string; detail?: string; type: "variable" | "property" | "keyword" };
export type Completion = { from: number; options: Suggestion[] };

/**
 * Completions at the end of `before` (the text left of the cursor) when it is inside `{{ … }}`:
 * roots and upstream nodes first, then node ids, then output fields level by level.
 */
export function completeExpression(before: string, context: ExpressionContext): Completion | null {
  const open = before.lastIndexOf("{{");
  if (open < 0 || before.indexOf("}}", open) >= 0) return null;
  const inside = before.slice(open + 2);
  const lead = inside.length - inside.trimStart().length;
  const path = inside.slice(lead);
  if (!/^[\w$.\-[\]"']*$/.test(path)) return null;
  const dot = path.lastIndexOf(".");
  const from = open + 2 + lead + dot + 1;
  const upstream = context.nodeId ? upstreamOf(context.nodeId, context.graph.edges) : [];
  const labelOf = (id: string) => context.graph.nodes.find((node) => node.id === id)?.data?.label;

  if (dot < 0) {
    const inLoop = upstream.some((id) => context.graph.nodes.find((node) => node.id === id)?.type === "flow.loop");
    return {
      from,
      options: [
        ...upstream.map((id) => ({ label: `nodes.${id}.output`, detail: labelOf(id) ?? "upstream node", type: "variable" as const })),
        { label: "input", detail: "the run's input", type: "keyword" },
        { label: "prev", detail: "the previous node's output", type: "keyword" },
        { label: "nodes", detail: "outputs of earlier nodes", type: "keyword" },
        ...(inLoop ? [{ label: "item", detail: "the loop's current item", type: "keyword" as const }, { label: "index", detail: "the loop's index", type: "keyword" as const }] : []),
      ],
    };
  }
  let segments: string[];
  try {
    segments = parsePath(path.slice(0, dot));
  } catch {
    return null;
  }
  const [root, ...rest] = segments;
  if (root === "nodes" && rest.length === 0) return { from, options: upstream.map((id) => ({ label: id, detail: labelOf(id) ?? "upstream node", type: "variable" })) };
  if (root === "nodes" && rest.length === 1) return { from, options: [{ label: "output", detail: "what the node returned", type: "property" }] };
  let sample: ReturnType<typeof sampleOf>;
  let within: string[];
  if (root === "nodes") {
    if (rest[1] !== "output") return null;
    sample = sampleOf(context, "nodes", rest[0]);
    within = rest.slice(2);
  } else if (root === "input" || root === "prev") {
    sample = sampleOf(context, root);
    within = rest;
  } else if (root === "item") {
    const loop = upstream.find((id) => context.graph.nodes.find((node) => node.id === id)?.type === "flow.loop");
    const items = loop ? sampleOf(context, "nodes", loop) : null;
    sample = items && Array.isArray(items.value) ? { value: items.value[0], source: items.source } : null;
    within = rest;
  } else return null;
  if (!sample) return { from, options: [] };
  let value = sample.value;
  for (const segment of within) value = value && typeof value === "object" ? (value as Record<string, unknown>)[segment] : undefined;
  if (!value || typeof value !== "object") return { from, options: [] };
  const keys = Array.isArray(value) ? ["0"] : Object.keys(value);
  const detail = sample.source === "run" ? "from the last run" : "declared output";
  return { from, options: keys.filter((key) => /^[A-Za-z_$][\w$-]*$/.test(key)).map((key) => ({ label: key, detail, type: "property" })) };
}

export type Preview = { state: "none" } | { state: "no-data" } | { state: "value"; text: string } | { state: "error"; message: string };

/** What a field resolves to with the last run's data, through the engine's resolver. */
export function previewOf(template: string, context: ExpressionContext): Preview {
  if (!/\{\{[^{}]*\}\}/.test(template)) return { state: "none" };
  const scope = scopeFor(context);
  if (!scope) return { state: "no-data" };
  try {
    const value = resolveString(template, scope);
    if (value === undefined) return { state: "value", text: "undefined (nothing there in the last run)" };
    return { state: "value", text: typeof value === "string" ? value : JSON.stringify(value) };
  } catch (error) {
    return { state: "error", message: (error as Error).message };
  }
}

/**
 * Completions in a Code node's source: `input` there is what `{{ prev }}` is in an expression
 * (the one upstream output, or upstream outputs by node id), so `input.` completes its fields.
 */
export function completeCode(before: string, context: ExpressionContext): Completion | null {
  const match = /(?:^|[^\w$.])input((?:\.[A-Za-z_$][\w$]*)*\.[\w$]*)$/.exec(before);
  if (!match) return null;
  const asExpression = `{{ prev${match[1]}`;
  const completion = completeExpression(asExpression, context);
  if (!completion) return null;
  return { from: before.length - (asExpression.length - completion.from), options: completion.options };
}
