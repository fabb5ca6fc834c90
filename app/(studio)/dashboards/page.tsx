import type { Metadata } from "next";
import Link from "next/link";
import { RunsChart } from "@/components/dashboards/runs-chart";
import { Card, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { getAnalyticsSummary } from "@/lib/analytics/get-analytics-summary";
import { requireStudioSession } from "@/lib/auth/current-user";
import { listWorkflows } from "@/lib/workflows/list-workflows";

export const metadata: Metadata = { title: "Dashboards" };

const RANGES = [7, 30, 90];

function Stat({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <Card>
      <p className="text-xs uppercase tracking-wide text-slate-500">{label}</p>
      <p className="mt-1 text-2xl font-semibold text-slate-900" data-testid={testId}>{value}</p>
    </Card>
  );
}

export default async function DashboardsPage({ searchParams }: { searchParams: Promise<{ days?: string; workflowId?: string }> }) {
  const { actor } = await requireStudioSession();
  const { days: rawDays, workflowId } = await searchParams;
  const days = RANGES.includes(Number(rawDays)) ? Number(rawDays) : 30;
  const to = new Date();
  const from = new Date(to.getTime() - days * 86_400_000);
  const [summary, workflows] = await Promise.all([getAnalyticsSummary(actor, { from, to, workflowId: workflowId || undefined }), listWorkflows(actor, { limit: 100 })]);
  const { totals } = summary;
  const link = (changes: Record<string, string>) => `/dashboards?${new URLSearchParams({ days: String(days), ...(workflowId ? { workflowId } : {}), ...changes })}`;
  return (
    <>
      <PageHeader title="Dashboards" description="Runs, reliability, latency, tokens and cost of this workspace." />
      <div className="mb-4 flex flex-wrap items-center gap-2">
        {RANGES.map((range) => (
          <Link key={range} href={link({ days: String(range) })} aria-current={range === days ? "true" : undefined} className={`rounded-full px-3 py-1 text-sm ${range === days ? "bg-brand-600 text-white" : "bg-slate-100 text-slate-700 hover:bg-slate-200"}`}>
            Last {range} days
          </Link>
        ))}
        <form className="ml-auto flex items-center gap-2">
          <input type="hidden" name="days" value={days} />
          <select name="workflowId" aria-label="Workflow" defaultValue={workflowId ?? ""} className="h-9 rounded-lg border border-slate-300 px-2 text-sm">
            <option value="">All workflows</option>
            {workflows.items.map((workflow) => <option key={workflow.id} value={workflow.id}>{workflow.name}</option>)}
          </select>
          <button className="h-9 rounded-lg bg-brand-600 px-3 text-sm text-white" type="submit">Apply</button>
        </form>
      </div>
      <div className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-6">
        <Stat label="Runs" value={String(totals.runs)} testId="dash-runs" />
        <Stat label="Success rate" value={totals.successRate === null ? "—" : `${Math.round(totals.successRate * 100)}%`} testId="dash-success-rate" />
        <Stat label="p50 duration" value={totals.p50Ms === null ? "—" : `${totals.p50Ms} ms`} testId="dash-p50" />
        <Stat label="p95 duration" value={totals.p95Ms === null ? "—" : `${totals.p95Ms} ms`} testId="dash-p95" />
        <Stat label="Tokens" value={String(totals.inputTokens + totals.outputTokens)} testId="dash-tokens" />
        <Stat label="Cost" value={`$${totals.costUsd.toFixed(4)}`} testId="dash-cost" />
      </div>
      <Card className="mt-4">
        <CardTitle>Runs per day</CardTitle>
        {summary.perDay.length ? <RunsChart days={summary.perDay} /> : <p className="mt-2 text-sm text-slate-500">No runs in this range.</p>}
      </Card>
      <div className="mt-4 grid gap-4 lg:grid-cols-3">
        <Card>
          <CardTitle>Cost by model</CardTitle>
          <table className="mt-2 w-full text-sm" aria-label="Cost by model">
            <tbody className="divide-y divide-slate-100">
              {summary.byModel.map((row) => (
                <tr key={row.model}><td className="py-1.5 font-mono text-xs">{row.model}</td><td className="py-1.5 text-right text-slate-600">{row.inputTokens + row.outputTokens} tok</td><td className="py-1.5 text-right">${row.costUsd.toFixed(4)}</td></tr>
              ))}
              {summary.byModel.length === 0 ? <tr><td className="py-1.5 text-slate-500">No model calls.</td></tr> : null}
            </tbody>
          </table>
        </Card>
        <Card>
          <CardTitle>By workflow</CardTitle>
          <table className="mt-2 w-full text-sm" aria-label="By workflow">
            <tbody className="divide-y divide-slate-100">
              {summary.byWorkflow.map((row) => (
                <tr key={row.workflowId}><td className="py-1.5">{row.name}</td><td className="py-1.5 text-right text-slate-600">{row.runs} runs, {row.failed} failed, {row.tokens} tok</td><td className="py-1.5 text-right">${row.costUsd.toFixed(4)}</td></tr>
              ))}
            </tbody>
          </table>
        </Card>
        <Card>
          <CardTitle>Top failing nodes</CardTitle>
          <table className="mt-2 w-full text-sm" aria-label="Top failing nodes">
            <tbody className="divide-y divide-slate-100">
              {summary.topFailingNodes.map((row) => (
                <tr key={`${row.workflowId}:${row.nodeId}`}><td className="py-1.5">{row.workflowName}</td><td className="py-1.5 font-mono text-xs">{row.nodeId}</td><td className="py-1.5 text-right">{row.failures}</td></tr>
              ))}
              {summary.topFailingNodes.length === 0 ? <tr><td className="py-1.5 text-slate-500">No failures.</td></tr> : null}
            </tbody>
          </table>
        </Card>
      </div>
    </>
  );
}
