"use client";

import { useApprovalsLive } from "@/components/approvals/approvals-live";

/** How many approvals wait in the workspace — live over the approvals stream. */
export function ApprovalsBadge() {
  const count = useApprovalsLive()?.count ?? 0;
  if (!count) return null;
  return (
    <span className="ml-auto rounded-full bg-amber-500 px-1.5 text-xs font-semibold text-white" data-testid="approvals-count" aria-label={`${count} waiting`}>
      {count}
    </span>
  );
}
