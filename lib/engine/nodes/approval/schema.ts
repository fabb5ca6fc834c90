import { z } from "zod";

export const APPROVAL_EVENT = "workflow/approval.decided";

export const approvalConfigSchema = z.object({
  message: z.string().default("Approve to continue.").meta({ "x-expression": true, "x-multiline": true }),
  timeoutHours: z.number().positive("Use more than 0 hours").max(30 * 24, "Wait at most 30 days (720 hours)").default(72),
  /** Members (by email, comma separated) who get an email with an approve/reject link. */
  notifyMembers: z.string().max(2000).default("").meta({ description: "Emails of members to ask, comma separated (editors and above)", "x-widget": "members" }),
  /** Every member with at least this role gets the email too. */
  notifyRole: z.enum(["none", "editor", "admin", "owner"]).default("none").meta({ description: "Also ask every member with at least this role" }),
});
export type ApprovalConfig = z.infer<typeof approvalConfigSchema>;
export type ApprovalDecision = { approved: boolean; comment?: string; by?: string; surface?: string };

/** The member emails a config names (trimmed, lower-case, without duplicates). */
export function approvalRecipients(config: Pick<ApprovalConfig, "notifyMembers">): string[] {
  return [...new Set(config.notifyMembers.split(/[,;\s]+/).map((email) => email.trim().toLowerCase()).filter(Boolean))];
}
