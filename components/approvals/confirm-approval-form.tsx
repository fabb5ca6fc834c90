"use client";

import { useState, useTransition } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { apiRequest } from "@/lib/ui/api-request";

/** The emailed link's decision: one POST, only when the member presses a button (never on GET). */
export function ConfirmApprovalForm({ token }: { token: string }) {
  const [pending, startTransition] = useTransition();
  const [comment, setComment] = useState("");
  const [done, setDone] = useState<null | boolean>(null);
  const decide = (approved: boolean) =>
    startTransition(async () => {
      try {
        await apiRequest("POST", "/api/v1/approvals/confirm", { token, approved, comment: comment.trim() || undefined });
        setDone(approved);
      } catch (error) {
        toast.error(error instanceof Error ? error.message : "Could not record the decision.");
      }
    });
  if (done !== null) {
    return (
      <p role="status" className="rounded-lg bg-emerald-50 p-3 text-sm text-emerald-900">
        {done ? "Approved" : "Rejected"}. The run continues; this link no longer works.
      </p>
    );
  }
  return (
    <div className="space-y-3">
      <div>
        <label htmlFor="approval-comment" className="mb-1 block text-sm font-medium text-slate-700">
          Comment (optional)
        </label>
        <textarea id="approval-comment" rows={3} maxLength={2000} value={comment} onChange={(event) => setComment(event.target.value)} className="w-full rounded-lg border border-slate-300 p-2 text-sm" />
      </div>
      <div className="flex gap-2">
        <Button className="flex-1" disabled={pending} onClick={() => decide(true)}>
          Approve
        </Button>
        <Button className="flex-1" variant="danger" disabled={pending} onClick={() => decide(false)}>
          Reject
        </Button>
      </div>
    </div>
  );
}
