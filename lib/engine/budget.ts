import type { Usage } from "@/lib/engine/types";

export type Budget = { maxTokens?: number; maxCostUsd?: number; maxDurationMs?: number };
export type UsageTotals = { inputTokens: number; outputTokens: number; costUsd: number };

export function addUsage(totals: UsageTotals, usage: Usage | undefined): UsageTotals {
  if (!usage) return totals;
  return { inputTokens: totals.inputTokens + usage.inputTokens, outputTokens: totals.outputTokens + usage.outputTokens, costUsd: totals.costUsd + usage.costUsd };
}

/** Why the run is over budget, or null. */
export function budgetExceeded(budget: Budget | undefined, totals: UsageTotals, elapsedMs: number): string | null {
  if (!budget) return null;
  const tokens = totals.inputTokens + totals.outputTokens;
  if (budget.maxTokens !== undefined && tokens > budget.maxTokens) return `used ${tokens} tokens, over the budget of ${budget.maxTokens}`;
  if (budget.maxCostUsd !== undefined && totals.costUsd > budget.maxCostUsd) return `cost $${totals.costUsd.toFixed(4)}, over the budget of $${budget.maxCostUsd}`;
  if (budget.maxDurationMs !== undefined && elapsedMs > budget.maxDurationMs) return `ran ${elapsedMs} ms, over the budget of ${budget.maxDurationMs} ms`;
  return null;
}
