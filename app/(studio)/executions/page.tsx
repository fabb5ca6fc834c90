import type { Metadata } from "next";
import Link from "next/link";
import { Activity } from "lucide-react";
import { LiveRefresh } from "@/components/executions/live-refresh";
import { StatusBadge, formatDuration } from "@/components/executions/status-badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireStudioSession } from "@/lib/auth/current-user";
import { listExecutions } from "@/lib/executions/list-executions";
import { EXECUTION_STATUSES, hasEnded, listExecutionsQuerySchema } from "@/lib/schemas/execution";
import { listWorkflows } from "@/lib/workflows/list-workflows";

export const metadata: Metadata = { title: "Executions" };

const TRIGGERS = ["manual", "api", "webhook", "schedule", "sub-workflow"];

export default async function ExecutionsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const { actor } = await requireStudioSession();
  const raw = await searchParams;
  const parsed = listExecutionsQuerySchema.safeParse(Object.fromEntries(Object.entries(raw).filter(([, value]) => value)));
  const query = parsed.success ? parsed.data : { limit: 20 };
  // A picked end date includes that whole day.
  if (query.to && raw.to?.length === 10) query.to = new Date(query.to.getTime() + 86_400_000);
  const [{ items, nextCursor }, workflows] = await Promise.all([listExecutions(actor, { ...query, limit: 25 }), listWorkflows(actor, { limit: 100 })]);
  const filtersWithout = (name: string) => Object.fromEntries(Object.entries(raw).filter(([key, value]) => key !== name && key !== "cursor" && value)) as Record<string, string>;
  return (
    <>
      <PageHeader title="Executions" description="Every run of this workspace's workflows, newest first." />
      <LiveRefresh active={items.some((item) => !hasEnded(item.status))} />
      <form className="mb-4 flex flex-wrap items-end gap-2" aria-label="Filter executions">
        <FilterSelect name="workflowId" label="Workflow" value={raw.workflowId} options={workflows.items.map((workflow) => [workflow.id, workflow.name])} />
        <FilterSelect name="status" label="Status" value={raw.status} options={EXECUTION_STATUSES.map((status) => [status, status])} />
        <FilterSelect name="trigger" label="Trigger" value={raw.trigger} options={TRIGGERS.map((trigger) => [trigger, trigger])} />
        <label className="text-xs text-slate-600">
          From
          <input type="date" name="from" defaultValue={raw.from ?? ""} className="mt-1 block h-9 rounded-lg border border-slate-300 px-2 text-sm" />
        </label>
        <label className="text-xs text-slate-600">
          To
          <input type="date" name="to" defaultValue={raw.to ?? ""} className="mt-1 block h-9 rounded-lg border border-slate-300 px-2 text-sm" />
        </label>
        <button type="submit" className="h-9 rounded-lg bg-brand-600 px-3 text-sm font-medium text-white">Filter</button>
      </form>
      {items.length === 0 ? (
        <EmptyState icon={Activity} title="No executions">
          Runs appear here as soon as a workflow is started from the editor, the API, a webhook or a schedule.
        </EmptyState>
      ) : (
        <Card className="overflow-x-auto p-0">
          <table className="w-full text-left text-sm" aria-label="Executions">
            <thead className="border-b border-slate-100 text-xs uppercase text-slate-500">
              <tr>
                <th className="px-4 py-2 font-medium">Status</th>
                <th className="px-4 py-2 font-medium">Workflow</th>
                <th className="px-4 py-2 font-medium">Trigger</th>
                <th className="px-4 py-2 font-medium">Started</th>
                <th className="px-4 py-2 font-medium">Duration</th>
                <th className="px-4 py-2 font-medium">Tokens</th>
                <th className="px-4 py-2 font-medium">Cost</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {items.map((item) => (
                <tr key={item.id} data-testid={`execution-${item.id}`}>
                  <td className="px-4 py-2"><Link href={`/executions/${item.id}`} aria-label={`Open ${item.workflowName} run`}><StatusBadge status={item.status} /></Link></td>
                  <td className="px-4 py-2"><Link className="text-brand-700 hover:underline" href={`/executions/${item.id}`}>{item.workflowName}</Link> <span className="text-xs text-slate-500">v{item.version}</span></td>
                  <td className="px-4 py-2 text-slate-600">{item.trigger}</td>
                  <td className="whitespace-nowrap px-4 py-2 text-slate-600">{item.createdAt.toLocaleString()}</td>
                  <td className="px-4 py-2 text-slate-600">{formatDuration(item.startedAt, item.finishedAt)}</td>
                  <td className="px-4 py-2 text-slate-600">{item.inputTokens + item.outputTokens}</td>
                  <td className="px-4 py-2 text-slate-600">${item.costUsd.toFixed(4)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      )}
      {nextCursor ? (
        <Link className="mt-3 inline-block text-sm text-brand-700 underline" href={`/executions?${new URLSearchParams({ ...filtersWithout("cursor"), cursor: nextCursor })}`}>
          Older executions
        </Link>
      ) : null}
    </>
  );
}

function FilterSelect({ name, label, value, options }: { name: string; label: string; value?: string; options: [string, string][] }) {
  return (
    <label className="text-xs text-slate-600">
      {label}
      <select name={name} defaultValue={value ?? ""} className="mt-1 block h-9 rounded-lg border border-slate-300 px-2 text-sm">
        <option value="">All</option>
        {options.map(([optionValue, optionLabel]) => (
          <option key={optionValue} value={optionValue}>{optionLabel}</option>
        ))}
      </select>
    </label>
  );
}
