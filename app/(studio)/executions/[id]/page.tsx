import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import type { CatalogEntry, RunStatus } from "@/components/builder/types";
import { WaitingApprovals } from "@/components/approvals/waiting-approvals";
import { ExecutionActions } from "@/components/executions/execution-actions";
import { ExecutionGraph } from "@/components/executions/execution-graph";
import { LiveRefresh } from "@/components/executions/live-refresh";
import { ReplayButton } from "@/components/executions/replay-button";
import { StatusBadge, formatDuration } from "@/components/executions/status-badge";
import { Card, CardTitle } from "@/components/ui/card";
import { requireStudioSession } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { nodeCatalog } from "@/lib/engine/node-catalog";
import { AppError } from "@/lib/errors/app-error";
import { getExecution } from "@/lib/executions/get-execution";
import { listPendingApprovals } from "@/lib/approvals/list-pending-approvals";
import { getExecutionGraph } from "@/lib/executions/get-execution-graph";
import { hasEnded } from "@/lib/schemas/execution";

export const metadata: Metadata = { title: "Execution" };

export default async function ExecutionPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { actor } = await requireStudioSession();
  const execution = await getExecution(actor, { executionId: id }).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  });
  const [{ graph, workflowName }, approvals] = await Promise.all([getExecutionGraph(actor, { executionId: id }), listPendingApprovals(actor, { executionId: id })]);
  const active = !hasEnded(execution.status);
  // Replay from a node of an ended run (a new execution of the current draft, docs/engine.md).
  const canReplay = !active && can(actor.role, "executions.run");

  const statuses: Record<string, RunStatus> = {};
  // Agent turns and tool calls are listed too (the trace), but a node's state is its own run's.
  for (const run of execution.nodeRuns) if (run.kind === "node") statuses[run.nodeId] = run.errorHandled ? "failed" : run.status === "running" ? "running" : (run.status as RunStatus);
  for (const node of graph.nodes) if (!statuses[node.id] && !active) statuses[node.id] = "skipped";

  // Timeline: each node run as a bar from its start to its end, relative to the run's start.
  const origin = execution.startedAt?.getTime() ?? execution.createdAt.getTime();
  const end = Math.max(origin + 1, ...execution.nodeRuns.map((run) => (run.finishedAt ?? new Date()).getTime()), execution.finishedAt?.getTime() ?? 0);
  const span = end - origin;

  return (
    <>
      <LiveRefresh active={active} />
      <div className="mb-4 flex flex-wrap items-center gap-3">
        <Link href="/executions" className="text-sm text-slate-500 hover:text-slate-900">Executions</Link>
        <span className="text-slate-400">/</span>
        <h1 className="text-xl font-semibold text-slate-900">{workflowName}</h1>
        <span data-testid="execution-status"><StatusBadge status={execution.status} /></span>
        <span className="text-sm text-slate-500">v{execution.version} · {execution.trigger} · {formatDuration(execution.startedAt, execution.finishedAt)} · {execution.usage.inputTokens + execution.usage.outputTokens} tokens · ${execution.usage.costUsd.toFixed(4)}</span>
        <div className="ml-auto"><ExecutionActions executionId={execution.id} status={execution.status} canRun={can(actor.role, "executions.run")} /></div>
      </div>
      {execution.replayOfId ? (
        <p className="mb-4 text-sm text-slate-600" data-testid="replay-of">
          Replay of <Link className="text-brand-700 underline" href={`/executions/${execution.replayOfId}`}>{execution.replayOfId}</Link> from <span className="font-mono">{execution.replayFromNodeId}</span>: nodes before it reused their recorded outputs.
        </p>
      ) : null}
      {approvals.items.length ? (
        <Card className="mb-4">
          <CardTitle>Waiting for approval</CardTitle>
          <div className="mt-2"><WaitingApprovals approvals={approvals.items} canDecide={approvals.canDecide} surface="execution" /></div>
        </Card>
      ) : null}
      {execution.error ? <p role="alert" className="mb-4 rounded-lg bg-rose-50 p-3 text-sm text-rose-800">{execution.error}</p> : null}
      <div className="grid gap-4 xl:grid-cols-2">
        <ExecutionGraph graph={graph} statuses={statuses} catalog={nodeCatalog() as CatalogEntry[]} />
        <Card>
          <CardTitle>Timeline</CardTitle>
          <ol className="mt-3 space-y-1.5" aria-label="Timeline">
            {execution.nodeRuns.map((run) => {
              const left = ((run.startedAt.getTime() - origin) / span) * 100;
              const width = Math.max(0.8, (((run.finishedAt ?? new Date()).getTime() - run.startedAt.getTime()) / span) * 100);
              return (
                <li key={run.key} className="flex items-center gap-2 text-xs" data-testid={`bar-${run.key}`}>
                  <span className="w-36 shrink-0 truncate font-mono text-slate-600" title={run.key}>{run.key.replace(/^node:/, "")}</span>
                  <span className="relative h-4 flex-1 rounded bg-slate-100">
                    <span className={`absolute h-4 rounded ${run.status === "failed" ? "bg-rose-500" : run.status === "running" ? "bg-sky-500" : "bg-emerald-500"}`} style={{ left: `${Math.max(0, Math.min(99, left))}%`, width: `${Math.min(100, width)}%` }} />
                  </span>
                  <span className="w-16 shrink-0 text-right text-slate-500">{formatDuration(run.startedAt, run.finishedAt)}</span>
                </li>
              );
            })}
          </ol>
        </Card>
      </div>
      <Card className="mt-4">
        <CardTitle>Node runs</CardTitle>
        <ul className="mt-2 divide-y divide-slate-100" aria-label="Node runs">
          {execution.nodeRuns.map((run) => (
            <li key={run.key} className="flex items-start gap-2 py-2">
              <details className="min-w-0 flex-1">
                <summary className="cursor-pointer text-sm">
                  <span className="font-mono">{run.key}</span>
                  {run.kind === "tool" ? <span className="text-slate-500"> · tool {String((run.input as { tool?: string } | null)?.tool ?? "")}</span> : run.kind === "turn" ? <span className="text-slate-500"> · model turn</span> : null} · <StatusBadge status={run.errorHandled ? "failed" : run.status} />{run.errorHandled ? <span className="text-slate-500" data-testid={`handled-${run.key}`}> (handled: the run went on)</span> : null} · {run.attempts} attempt{run.attempts === 1 ? "" : "s"} · {formatDuration(run.startedAt, run.finishedAt)}
                  {run.inputTokens + run.outputTokens ? ` · ${run.inputTokens + run.outputTokens} tokens · $${run.costUsd.toFixed(4)}${run.model ? ` · ${run.model}` : ""}` : ""}
                  {run.reused ? <span className="ml-1 rounded bg-slate-100 px-1.5 text-xs text-slate-600" data-testid={`reused-${run.key}`}>reused</span> : null}
                </summary>
                {run.error ? <p className="mt-2 text-sm text-rose-700">{run.error}</p> : null}
                <div className="mt-2 grid gap-2 md:grid-cols-2">
                  <div><p className="text-xs text-slate-500">Input</p><pre className="max-h-64 overflow-auto rounded bg-slate-50 p-2 text-xs">{JSON.stringify(run.input, null, 2)}</pre></div>
                  <div><p className="text-xs text-slate-500">Output</p><pre className="max-h-64 overflow-auto rounded bg-slate-50 p-2 text-xs" data-testid={`run-output-${run.key}`}>{JSON.stringify(run.output, null, 2)}</pre></div>
                </div>
              </details>
              {canReplay && run.kind === "node" && run.key === `node:${run.nodeId}` ? <ReplayButton executionId={execution.id} nodeId={run.nodeId} /> : null}
            </li>
          ))}
        </ul>
      </Card>
      <Card className="mt-4">
        <CardTitle>Input and output</CardTitle>
        <div className="mt-2 grid gap-2 md:grid-cols-2">
          <pre className="max-h-64 overflow-auto rounded bg-slate-50 p-2 text-xs">{JSON.stringify(execution.input, null, 2)}</pre>
          <pre className="max-h-64 overflow-auto rounded bg-slate-50 p-2 text-xs" data-testid="execution-output">{JSON.stringify(execution.output, null, 2)}</pre>
        </div>
      </Card>
    </>
  );
}
