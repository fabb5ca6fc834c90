import type { NodeDefinition } from "@/lib/engine/types";
import { APPROVAL_EVENT, approvalConfigSchema, approvalRecipients, type ApprovalConfig, type ApprovalDecision } from "./schema";

/**
 * Waits for a person: POST /executions/{id}/approvals/{nodeId}, the studio (execution page,
 * Approvals inbox) or an emailed link. Continues on "approved" or "rejected"; no answer before
 * the timeout takes "rejected" with `timedOut: true`. The request (rendered message; emails to the
 * members or role the node names) is made once, in its own step, so a replay does not repeat it.
 */
export const approvalNode: NodeDefinition<ApprovalConfig> = {
  type: "human.approval",
  category: "human",
  label: "Human approval",
  description: "Pauses until someone approves or rejects in the studio, from an email or via the API.",
  configSchema: approvalConfigSchema,
  outputs: ["approved", "rejected"],
  durable: true,
  async execute({ config, step, key, nodeId, services }) {
    const members = approvalRecipients(config);
    const role = config.notifyRole === "none" ? null : config.notifyRole;
    // Always, not only when someone is emailed: the request stores the message as this run
    // resolved it, which every surface (inbox, execution page, email) shows, and goes live.
    if (services.requestApproval) {
      const timeoutMs = config.timeoutHours * 3600_000;
      await step.run(`${key}:notify`, () => services.requestApproval!({ nodeId, key, message: config.message, members, role, timeoutMs }));
    }
    const decision = await step.waitForEvent<ApprovalDecision>(`${key}:approval`, {
      event: APPROVAL_EVENT,
      match: nodeId,
      timeoutMs: config.timeoutHours * 3600_000,
    });
    if (!decision) return { output: { approved: false, timedOut: true, message: config.message }, branches: ["rejected"] };
    return { output: { ...decision, message: config.message }, branches: [decision.approved ? "approved" : "rejected"] };
  },
};
