import { agentNode } from "@/lib/engine/nodes/agent/execute";
import { approvalNode } from "@/lib/engine/nodes/approval/execute";
import { codeNode } from "@/lib/engine/nodes/code/execute";
import { conditionNode } from "@/lib/engine/nodes/condition/execute";
import { delayNode } from "@/lib/engine/nodes/delay/execute";
import { httpRequestNode } from "@/lib/engine/nodes/http-request/execute";
import { knowledgeSearchNode } from "@/lib/engine/nodes/knowledge-search/execute";
import { loopNode } from "@/lib/engine/nodes/loop/execute";
import { manualTriggerNode } from "@/lib/engine/nodes/manual-trigger/execute";
import { mergeNode } from "@/lib/engine/nodes/merge/execute";
import { outputNode } from "@/lib/engine/nodes/output/execute";
import { routerNode } from "@/lib/engine/nodes/router/execute";
import { scheduleTriggerNode } from "@/lib/engine/nodes/schedule-trigger/execute";
import { subWorkflowNode } from "@/lib/engine/nodes/sub-workflow/execute";
import { transformNode } from "@/lib/engine/nodes/transform/execute";
import { webhookTriggerNode } from "@/lib/engine/nodes/webhook-trigger/execute";
import type { NodeDefinition } from "@/lib/engine/types";

export type NodeRegistry = ReadonlyMap<string, NodeDefinition<never>>;

const ALL = [
  manualTriggerNode,
  webhookTriggerNode,
  scheduleTriggerNode,
  agentNode,
  knowledgeSearchNode,
  conditionNode,
  routerNode,
  loopNode,
  mergeNode,
  transformNode,
  codeNode,
  httpRequestNode,
  delayNode,
  approvalNode,
  subWorkflowNode,
  outputNode,
] as unknown as NodeDefinition<never>[];

/** Every node type the engine knows, by `type`. */
export const NODE_REGISTRY: NodeRegistry = new Map(ALL.map((definition) => [definition.type, definition]));

export function isTrigger(type: string): boolean {
  return NODE_REGISTRY.get(type)?.category === "trigger";
}
