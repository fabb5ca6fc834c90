import { InMemoryStepRunner, RecordingSink } from "@/lib/engine/in-memory-step-runner";
import { runWorkflow } from "@/lib/engine/run-workflow";
import type { WorkflowGraph } from "@/lib/engine/types";
import { gedge, ggraph, gnode } from "../testing/workflow-fixtures";
import type { BenchResult } from "./stats";

/** A trigger followed by `length` transform nodes, each reading the previous one's output. */
export function transformChain(length: number): WorkflowGraph {
  const nodes = [gnode("start", "trigger.manual")];
  const edges = [];
  for (let i = 1; i <= length; i++) {
    nodes.push(gnode(`t${i}`, "data.transform", { mode: "fields", fields: { n: `${i}`, previous: "{{ prev.n }}", name: "{{ input.name }}" } }));
    edges.push(gedge(i === 1 ? "start" : `t${i - 1}`, `t${i}`));
  }
  return ggraph(nodes, edges);
}

/** The engine alone (in-memory steps): what scheduling, expressions and validation cost per node. */
export async function benchEngine(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  const long = transformChain(1000);
  for (let i = 0; i < 3; i++) await runWorkflow({ graph: long, input: { name: "x" }, step: new InMemoryStepRunner(), sink: new RecordingSink() });
  let started = performance.now();
  const rounds = 5;
  for (let i = 0; i < rounds; i++) await runWorkflow({ graph: long, input: { name: "x" }, step: new InMemoryStepRunner(), sink: new RecordingSink() });
  results.push({ name: "engine overhead per non-LLM node (1,000-node chain)", value: ((performance.now() - started) * 1000) / (rounds * 1001), unit: "µs" });

  const chain = transformChain(10);
  const count = 2000;
  started = performance.now();
  for (let i = 0; i < count; i++) await runWorkflow({ graph: chain, input: { name: "x" }, step: new InMemoryStepRunner(), sink: new RecordingSink() });
  results.push({ name: "10-node transform chain, engine only", value: count / ((performance.now() - started) / 1000), unit: "exec/s" });
  return results;
}
