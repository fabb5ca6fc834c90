import { z } from "zod";

export const BudgetSchema = z
  .object({
    maxTokens: z.number().int().positive().optional(),
    maxCostUsd: z.number().positive().optional(),
    maxDurationMs: z.number().int().positive().max(7 * 24 * 3600_000).optional(),
  })
  .strict();

export const startExecutionSchema = z.object({
  input: z.record(z.string(), z.unknown()).default({}),
  version: z.number().int().positive().optional(),
  idempotencyKey: z.string().min(1).max(200).optional(),
  budget: BudgetSchema.optional(),
});

/** Where a decision was made: studio pages say which; API keys are "api", emailed links "email". */
export const APPROVAL_SURFACES = ["execution", "inbox", "editor", "studio", "email", "api"] as const;
export type ApprovalSurface = (typeof APPROVAL_SURFACES)[number];
export const approvalDecisionSchema = z.object({
  approved: z.boolean(),
  comment: z.string().max(2000).optional(),
  surface: z.enum(["execution", "inbox", "editor"]).optional().meta({ description: "The studio page the decision was made on (recorded with it)" }),
});

export const ACTIVE_STATUSES = ["queued", "running", "waiting"] as const;
export const ENDED_STATUSES = ["completed", "failed", "cancelled", "budget_exceeded"] as const;
export const EXECUTION_STATUSES = [...ACTIVE_STATUSES, ...ENDED_STATUSES] as const;

/** Whether an execution status is final (it will not change again). */
export function hasEnded(status: string): boolean {
  return (ENDED_STATUSES as readonly string[]).includes(status);
}

export const listExecutionsQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().min(1).optional(),
  workflowId: z.string().min(1).optional(),
  status: z.enum(EXECUTION_STATUSES).optional(),
  trigger: z.enum(["manual", "api", "webhook", "schedule", "sub-workflow"]).optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
});
