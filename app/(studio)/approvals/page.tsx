import type { Metadata } from "next";
import Link from "next/link";
import { Inbox } from "lucide-react";
import { ApprovalsLiveRefresh } from "@/components/approvals/approvals-live-refresh";
import { WaitingApprovals } from "@/components/approvals/waiting-approvals";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { listPendingApprovals } from "@/lib/approvals/list-pending-approvals";
import { approvalsVersion } from "@/lib/approvals/summarize-pending-approvals";
import { requireStudioSession } from "@/lib/auth/current-user";
import { listWorkflows } from "@/lib/workflows/list-workflows";

export const metadata: Metadata = { title: "Approvals" };

export default async function ApprovalsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const { actor } = await requireStudioSession();
  const { workflowId } = await searchParams;
  const [{ items: all, canDecide }, workflows] = await Promise.all([listPendingApprovals(actor), listWorkflows(actor, { limit: 100 })]);
  // The whole list's version is what the live stream compares with; the filter applies here.
  const items = workflowId ? all.filter((approval) => approval.workflowId === workflowId) : all;
  return (
    <>
      <PageHeader title="Approvals" description="Every run of this workspace that waits for a person, newest first." />
      {/* Live: the page re-renders when the workspace's approvals stream says the list changed. */}
      <ApprovalsLiveRefresh version={approvalsVersion(all)} />
      <form className="mb-4 flex flex-wrap items-end gap-2" aria-label="Filter approvals">
        <label className="text-xs text-slate-600">
          Workflow
          <select name="workflowId" defaultValue={workflowId ?? ""} className="mt-1 block h-9 rounded-lg border border-slate-300 px-2 text-sm">
            <option value="">All</option>
            {workflows.items.map((workflow) => (
              <option key={workflow.id} value={workflow.id}>{workflow.name}</option>
            ))}
          </select>
        </label>
        <button type="submit" className="h-9 rounded-lg bg-brand-600 px-3 text-sm font-medium text-white">Filter</button>
      </form>
      {items.length === 0 ? (
        <EmptyState icon={Inbox} title="Nothing waits for approval">
          Runs that reach a Human approval node appear here, whatever started them: the editor, the API, a webhook or a schedule.
        </EmptyState>
      ) : (
        <ul className="space-y-3" aria-label="Approvals">
          {items.map((approval) => (
            <li key={`${approval.executionId}:${approval.nodeId}`}>
              <Card>
                <div className="flex flex-wrap items-baseline gap-2 text-sm">
                  <Link href={`/executions/${approval.executionId}`} className="font-semibold text-slate-900 hover:underline">{approval.workflowName}</Link>
                  <span className="text-slate-500">· {approval.trigger} run</span>
                  <Link href={`/executions/${approval.executionId}`} className="ml-auto text-xs text-brand-700 hover:underline">Open run</Link>
                </div>
                <details className="mt-1 text-xs text-slate-600">
                  <summary className="cursor-pointer">Run input</summary>
                  <pre className="mt-1 max-h-48 overflow-auto rounded bg-slate-50 p-2">{JSON.stringify(approval.input, null, 2)}</pre>
                </details>
                <div className="mt-2">
                  <WaitingApprovals approvals={[approval]} canDecide={canDecide} surface="inbox" />
                </div>
              </Card>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
