import { z } from "zod";

export const APPROVAL_EVENT = "workflow/approval.decided";

export const approvalConfigSchema = z.object({
  message: z.string().default("Approve to continue."),
  timeoutHours: z.number().positive().max(30 * 24).default(72),
});
export type ApprovalConfig = z.infer<typeof approvalConfigSchema>;
export type ApprovalDecision = { approved: boolean; comment?: string; by?: string };
