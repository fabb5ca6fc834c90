import { z } from "zod";

export const listApprovalsQuerySchema = z.object({ workflowId: z.string().min(1).optional() });

export const PendingApprovalSchema = z
  .object({
    executionId: z.string(),
    nodeId: z.string(),
    nodeLabel: z.string(),
    message: z.string().meta({ description: "The approval node's message as the run resolved it ({{ … }} filled in), stored when it started waiting" }),
    workflowId: z.string(),
    workflowName: z.string(),
    trigger: z.string(),
    input: z.unknown().meta({ description: "The run's input" }),
    waitingSince: z.iso.datetime(),
  })
  .meta({ id: "PendingApproval" });
export const PendingApprovalListSchema = z.object({ items: z.array(PendingApprovalSchema), count: z.number().int() }).meta({ id: "PendingApprovalList" });

/** Approve or reject through an emailed link (the token is the link's last segment). */
export const confirmApprovalSchema = z.object({ token: z.string().min(1).max(200), approved: z.boolean(), comment: z.string().max(2000).optional() });
