"use client";

import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { useApiAction } from "@/components/ui/use-api-action";
import { apiRequest } from "@/lib/ui/api-request";

/** Approve / Reject with an optional comment, for one waiting approval node of a run. */
export function ApprovalDecision({ executionId, nodeId, surface, label }: { executionId: string; nodeId: string; surface: "execution" | "inbox"; label: string }) {
  const [run, pending] = useApiAction();
  const [comment, setComment] = useState("");
  const id = useId();
  const decide = (approved: boolean) =>
    run(
      () => apiRequest("POST", `/api/v1/executions/${executionId}/approvals/${encodeURIComponent(nodeId)}`, { approved, comment: comment.trim() || undefined, surface }),
      approved ? `Approved "${label}"` : `Rejected "${label}"`,
    );
  return (
    <div className="mt-2 flex flex-wrap items-end gap-2">
      <div className="min-w-48 flex-1">
        <label htmlFor={id} className="mb-1 block text-xs font-medium text-slate-600">
          Comment (optional)
        </label>
        <input id={id} value={comment} maxLength={2000} onChange={(event) => setComment(event.target.value)} className="h-9 w-full rounded-lg border border-slate-300 px-2 text-sm" placeholder="Why?" />
      </div>
      <Button size="sm" disabled={pending} onClick={() => decide(true)}>
        Approve
      </Button>
      <Button size="sm" variant="danger" disabled={pending} onClick={() => decide(false)}>
        Reject
      </Button>
    </div>
  );
}
