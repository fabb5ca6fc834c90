import type { Metadata } from "next";
import Link from "next/link";
import { AuthCard } from "@/components/auth/auth-card";
import { ConfirmApprovalForm } from "@/components/approvals/confirm-approval-form";
import { inspectApprovalToken } from "@/lib/approvals/inspect-approval-token";
import { getCurrentUser } from "@/lib/auth/current-user";

export const metadata: Metadata = { title: "Approval" };
export const dynamic = "force-dynamic";

const ENDED: Record<string, string> = {
  not_found: "This approval link is not valid.",
  other_user: "This approval link was sent to another member. Sign in as that member to use it.",
  expired: "This approval link has expired.",
  used: "This approval link was already used.",
  decided: "Someone already decided this approval.",
  ended: "The run this approval belonged to has ended.",
};

/** An emailed approval link: shows the context; deciding is a POST from the buttons (GET changes nothing). */
export default async function ApprovePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const user = await getCurrentUser();
  if (!user) {
    return (
      <AuthCard title="Approval needed">
        <p className="text-sm text-slate-600">Sign in as the member this link was sent to, to see what waits for your decision.</p>
        <Link
          href={`/sign-in?${new URLSearchParams({ callbackUrl: `/approve/${token}` })}`}
          className="mt-4 flex h-10 w-full items-center justify-center rounded-lg bg-brand-600 text-sm font-medium text-white hover:bg-brand-700"
        >
          Sign in to review
        </Link>
      </AuthCard>
    );
  }
  const approval = await inspectApprovalToken({ token, userId: user.id });
  if (!("workflowName" in approval)) {
    return (
      <AuthCard title="Approval unavailable">
        <p role="alert" className="text-sm text-slate-600">{ENDED[approval.status]}</p>
        <p className="mt-4 text-sm"><Link href="/" className="text-brand-700 underline">Go to Agentry</Link></p>
      </AuthCard>
    );
  }
  return (
    <AuthCard title={`Approve: ${approval.workflowName}`}>
      <dl className="space-y-2 text-sm">
        <div><dt className="text-xs text-slate-500">Workspace · step</dt><dd className="text-slate-900">{approval.workspaceName} · {approval.nodeLabel}</dd></div>
        <div><dt className="text-xs text-slate-500">Message</dt><dd className="whitespace-pre-wrap text-slate-900" data-testid="approval-message">{approval.message}</dd></div>
        <div>
          <dt className="text-xs text-slate-500">Run input</dt>
          <dd><pre className="max-h-48 overflow-auto rounded bg-slate-50 p-2 text-xs" data-testid="approval-input">{JSON.stringify(approval.input, null, 2)}</pre></dd>
        </div>
      </dl>
      <div className="mt-4">
        {approval.status === "pending" ? <ConfirmApprovalForm token={token} /> : <p role="alert" className="text-sm text-slate-600">{ENDED[approval.status]}</p>}
      </div>
      <p className="mt-4 text-xs"><Link href={`/executions/${approval.executionId}`} className="text-brand-700 underline">Open the run in the studio</Link></p>
    </AuthCard>
  );
}
