"use client";

import { ReplayButton } from "@/components/executions/replay-button";
import { StatusBadge } from "@/components/executions/status-badge";
import { Button } from "@/components/ui/button";
import { useApiAction } from "@/components/ui/use-api-action";
import { hasEnded } from "@/lib/schemas/execution";
import { apiRequest } from "@/lib/ui/api-request";

type NodeRunDetail = { key: string; nodeId: string; kind?: string; reused?: boolean; status: string; input: unknown; output: unknown; error: string | null; attempts: number; inputTokens: number; outputTokens: number; costUsd: number; startedAt: string; finishedAt: string | null };

/** An agent's turns and tool calls as they stream in (events node.turn, node.tool_call, node.tool_result). */
export const AGENT_TRACE_EVENTS = ["node.turn", "node.tool_call", "node.tool_result"];
export type AgentTraceEntry = { nodeId: string; type: string; turn: number; callId?: string; tool?: string; arguments?: unknown; result?: unknown; isError?: boolean; toolCalls?: number; stopReason?: string; usage?: { inputTokens: number; outputTokens: number; costUsd: number }; durationMs?: number };

export type RunView = {
  id: string;
  status: string;
  tokens: Record<string, string>;
  /** Agent turns and tool calls so far. */
  trace?: AgentTraceEntry[];
  /** Approval nodes waiting for a decision. */
  waiting: string[];
  detail: { status: string; error: string | null; output: unknown; usage: { inputTokens: number; outputTokens: number; costUsd: number }; nodeRuns: NodeRunDetail[] } | null;
};

/** The run shown on the canvas: status, streamed tokens, approvals, cancel, result. */
export function RunPanel({ run, onSelectNode }: { run: RunView; onSelectNode: (nodeId: string) => void }) {
  const [act, pending] = useApiAction();
  const finished = hasEnded(run.status);
  return (
    <section className="mt-6 border-t border-slate-100 pt-4" aria-label="Run">
      <div className="flex items-center justify-between">
        <h3 className="text-sm font-semibold text-slate-900">Run</h3>
        <span data-testid="run-status">
          <StatusBadge status={run.status} />
        </span>
      </div>
      {!finished ? (
        <Button variant="secondary" size="sm" className="mt-2" disabled={pending} onClick={() => act(() => apiRequest("POST", `/api/v1/executions/${run.id}/cancel`), "Cancelling")}>
          Cancel run
        </Button>
      ) : null}
      {Object.entries(run.tokens).map(([nodeId, text]) => (
        <div key={nodeId} className="mt-3">
          <p className="text-xs font-medium text-slate-500">{nodeId} is writing</p>
          <p className="whitespace-pre-wrap rounded bg-slate-50 p-2 text-sm text-slate-800" data-testid={`tokens-${nodeId}`}>
            {text}
          </p>
        </div>
      ))}
      {run.trace?.length ? (
        <div className="mt-3">
          <p className="text-xs font-medium text-slate-500">Agent steps</p>
          <ol className="mt-1 space-y-1 text-xs" aria-label="Agent steps" data-testid="agent-trace">
            {run.trace.map((entry, index) => (
              <li key={index} className={`rounded px-2 py-1 ${entry.isError ? "bg-rose-50 text-rose-800" : "bg-slate-50 text-slate-700"}`}>
                {entry.type === "node.turn" ? (
                  <span>
                    {entry.nodeId} · turn {entry.turn + 1} · {(entry.usage?.inputTokens ?? 0) + (entry.usage?.outputTokens ?? 0)} tokens · ${(entry.usage?.costUsd ?? 0).toFixed(4)} · {entry.toolCalls ? `${entry.toolCalls} tool call${entry.toolCalls === 1 ? "" : "s"}` : "answer"}
                  </span>
                ) : entry.type === "node.tool_call" ? (
                  <span className="font-mono">→ {entry.tool}({preview(entry.arguments)})</span>
                ) : (
                  <span className="font-mono">
                    ← {entry.tool}{entry.isError ? " failed" : ""} · {entry.durationMs ?? 0} ms: {preview(entry.result)}
                  </span>
                )}
              </li>
            ))}
          </ol>
        </div>
      ) : null}
      {run.waiting.map((nodeId) => (
        <div key={nodeId} className="mt-3 rounded-lg border border-amber-200 bg-amber-50 p-2">
          <p className="text-xs text-amber-900">{nodeId} waits for approval</p>
          <div className="mt-2 flex gap-2">
            <Button size="sm" disabled={pending} onClick={() => act(() => apiRequest("POST", `/api/v1/executions/${run.id}/approvals/${nodeId}`, { approved: true, surface: "editor" }), "Approved")}>
              Approve
            </Button>
            <Button size="sm" variant="secondary" disabled={pending} onClick={() => act(() => apiRequest("POST", `/api/v1/executions/${run.id}/approvals/${nodeId}`, { approved: false, surface: "editor" }), "Rejected")}>
              Reject
            </Button>
          </div>
        </div>
      ))}
      {run.detail ? (
        <div className="mt-3 space-y-1 text-xs text-slate-600">
          {run.detail.error ? <p className="text-rose-700" role="alert">{run.detail.error}</p> : null}
          <p>
            Tokens {run.detail.usage.inputTokens + run.detail.usage.outputTokens} · ${run.detail.usage.costUsd.toFixed(4)}
          </p>
          <ul className="mt-2 space-y-1">
            {run.detail.nodeRuns.map((nodeRun) => (
              <li key={nodeRun.key}>
                <button className="text-left text-brand-700 underline" onClick={() => onSelectNode(nodeRun.nodeId)}>
                  {nodeRun.key}
                </button>{" "}
                — {nodeRun.status}
                {nodeRun.reused ? " (reused)" : ""}
                {/* The node's own run of a finished run (not an agent's turns or a loop iteration): replay from it. */}
                {finished && nodeRun.key === `node:${nodeRun.nodeId}` ? <ReplayButton executionId={run.id} nodeId={nodeRun.nodeId} className="ml-2 h-6 px-2 text-xs" /> : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}

/** A node's input, output, error, tokens, cost and duration in the last run. */
RunPanel.NodeDetail = function NodeDetail({ run, nodeId }: { run: RunView; nodeId: string }) {
  const nodeRuns = run.detail?.nodeRuns.filter((nodeRun) => nodeRun.nodeId === nodeId) ?? [];
  if (!nodeRuns.length) return <p className="text-xs text-slate-500">This node did not run in the last run.</p>;
  return (
    <div className="space-y-2" data-testid="node-run-detail">
      {nodeRuns.map((nodeRun) => (
        <div key={nodeRun.key} className="rounded-lg bg-slate-50 p-2 text-xs">
          <p className="font-medium text-slate-800">
            {nodeRun.key} · {nodeRun.status} · {nodeRun.attempts} attempt{nodeRun.attempts === 1 ? "" : "s"}
            {nodeRun.finishedAt ? ` · ${Date.parse(nodeRun.finishedAt) - Date.parse(nodeRun.startedAt)} ms` : ""}
            {nodeRun.inputTokens + nodeRun.outputTokens ? ` · ${nodeRun.inputTokens + nodeRun.outputTokens} tokens · $${nodeRun.costUsd.toFixed(4)}` : ""}
          </p>
          {nodeRun.error ? <p className="mt-1 text-rose-700">{nodeRun.error}</p> : null}
          <p className="mt-1 text-slate-500">Output</p>
          <pre className="max-h-40 overflow-auto whitespace-pre-wrap break-all" data-testid={`output-${nodeId}`}>{JSON.stringify(nodeRun.output, null, 2)}</pre>
          <details>
            <summary className="cursor-pointer text-slate-500">Input</summary>
            <pre className="max-h-40 overflow-auto whitespace-pre-wrap break-all">{JSON.stringify(nodeRun.input, null, 2)}</pre>
          </details>
        </div>
      ))}
    </div>
  );
};

/** One line of an argument or result (the events already cap and mask them). */
function preview(value: unknown): string {
  const text = typeof value === "string" ? value : JSON.stringify(value ?? null);
  return text.length > 160 ? `${text.slice(0, 159)}…` : text;
}
