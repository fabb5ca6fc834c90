import { Hourglass } from "lucide-react";
import { ApprovalDecision } from "@/components/approvals/approval-decision";
import type { PendingApproval } from "@/lib/approvals/list-pending-approvals";

/** The approval nodes a run waits on, each with its message and (for editors) Approve/Reject. */
export function WaitingApprovals({ approvals, canDecide, surface }: { approvals: PendingApproval[]; canDecide: boolean; surface: "execution" | "inbox" }) {
  return (
    <ul className="space-y-3" aria-label="Waiting approvals">
      {approvals.map((approval) => (
        <li key={`${approval.executionId}:${approval.nodeId}`} className="rounded-lg border border-amber-200 bg-amber-50 p-3" data-testid={`approval-${approval.executionId}-${approval.nodeId}`}>
          <p className="flex items-center gap-2 text-sm font-medium text-amber-900">
            <Hourglass aria-hidden className="size-4" />
            {approval.nodeLabel} waits for a decision
            <span className="font-normal text-amber-800">· since {approval.waitingSince.toLocaleString("en-GB", { timeZone: "UTC", dateStyle: "medium", timeStyle: "short" })} UTC</span>
          </p>
          <p className="mt-1 whitespace-pre-wrap text-sm text-slate-800">{approval.message}</p>
          {canDecide ? <ApprovalDecision executionId={approval.executionId} nodeId={approval.nodeId} surface={surface} label={approval.nodeLabel} /> : <p className="mt-2 text-xs text-slate-600">Editors and above can approve or reject.</p>}
        </li>
      ))}
    </ul>
  );
}
