import type { NodeDefinition } from "@/lib/engine/types";
import { APPROVAL_EVENT, approvalConfigSchema, type ApprovalConfig, type ApprovalDecision } from "./schema";

/**
 * Waits for a person: POST /executions/{id}/approvals/{nodeId}. Continues on "approved" or
 * "rejected"; no answer before the timeout takes "rejected" with `timedOut: true`.
 */
export const approvalNode: NodeDefinition<ApprovalConfig> = {
  type: "human.approval",
  category: "human",
  label: "Human approval",
  description: "Pauses until someone approves or rejects in the studio or via the API.",
  configSchema: approvalConfigSchema,
  outputs: ["approved", "rejected"],
  durable: true,
  async execute({ config, step, key, nodeId }) {
    const decision = await step.waitForEvent<ApprovalDecision>(`${key}:approval`, {
      event: APPROVAL_EVENT,
      match: nodeId,
      timeoutMs: config.timeoutHours * 3600_000,
    });
    if (!decision) return { output: { approved: false, timedOut: true, message: config.message }, branches: ["rejected"] };
    return { output: { ...decision, message: config.message }, branches: [decision.approved ? "approved" : "rejected"] };
  },
};
