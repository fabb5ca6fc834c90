"use client";

import { useEffect, useMemo, useState } from "react";
import { useEdges } from "@xyflow/react";
import { StatusBadge } from "@/components/executions/status-badge";
import { Button } from "@/components/ui/button";
import { apiRequest } from "@/lib/ui/api-request";

type TestResult = {
  nodeId: string;
  status: "completed" | "failed";
  output: unknown;
  error: string | null;
  usage: { inputTokens: number; outputTokens: number; costUsd: number };
  durationMs: number;
  pinned: { executionId: string | null; nodeIds: string[]; missing: string[] };
};
type Source = { executionId: string | null; inputs: Record<string, unknown> };

/**
 * "Test node": runs the selected node of the saved draft on the server with the outputs its
 * parents had in the workflow's last run (pinned, editable as JSON) and shows its output or error.
 * Nothing upstream runs again and nothing is recorded (POST …/nodes/{nodeId}/test).
 */
/** `runStatus`: the editor's current run, so the pinned outputs follow a run that just ended. */
export function TestNodePanel({ workflowId, nodeId, runStatus }: { workflowId: string; nodeId: string; runStatus?: string }) {
  const edges = useEdges();
  const parents = useMemo(() => [...new Set(edges.filter((edge) => edge.target === nodeId && edge.source !== nodeId).map((edge) => edge.source))], [edges, nodeId]);
  const parentKey = parents.join(",");
  const [source, setSource] = useState<Source | null>(null);
  const [pinnedText, setPinnedText] = useState("{}");
  const [result, setResult] = useState<TestResult | null>(null);
  // Kept per node: another node selected shows its own (none yet).
  const [failure, setError] = useState<{ nodeId: string; message: string } | null>(null);
  const error = failure?.nodeId === nodeId ? failure.message : null;
  const shown = result?.nodeId === nodeId ? result : null;
  const [pending, setPending] = useState(false);

  // The parents' outputs in the last run: what the node is tested with unless edited.
  useEffect(() => {
    let cancelled = false;
    void (async () => {
      const ids = parentKey ? parentKey.split(",") : [];
      const latest = await apiRequest<{ items: { id: string }[] }>("GET", `/api/v1/executions?workflowId=${encodeURIComponent(workflowId)}&limit=1`).catch(() => ({ items: [] }));
      const executionId = latest.items[0]?.id ?? null;
      const inputs: Record<string, unknown> = {};
      if (executionId && ids.length) {
        const detail = await apiRequest<{ nodeRuns: { key: string; nodeId: string; status: string; output: unknown }[] }>("GET", `/api/v1/executions/${executionId}`).catch(() => null);
        for (const run of detail?.nodeRuns ?? []) if (ids.includes(run.nodeId) && run.key === `node:${run.nodeId}` && run.status === "completed") inputs[run.nodeId] = run.output;
      }
      if (cancelled) return;
      setSource({ executionId, inputs });
      setPinnedText(JSON.stringify(inputs, null, 2));
    })();
    return () => {
      cancelled = true;
    };
  }, [workflowId, parentKey, runStatus]);

  const test = async () => {
    let inputs: Record<string, unknown>;
    try {
      inputs = JSON.parse(pinnedText || "{}") as Record<string, unknown>;
      if (!inputs || typeof inputs !== "object" || Array.isArray(inputs)) throw new Error();
    } catch {
      setError({ nodeId, message: "The pinned input is not a JSON object of node ids." });
      return;
    }
    setPending(true);
    setError(null);
    try {
      const body = { ...(source?.executionId ? { executionId: source.executionId } : {}), ...(Object.keys(inputs).length ? { inputs } : {}) };
      setResult(await apiRequest<TestResult>("POST", `/api/v1/workflows/${workflowId}/nodes/${encodeURIComponent(nodeId)}/test`, body));
    } catch (caught) {
      setResult(null);
      setError({ nodeId, message: caught instanceof Error ? caught.message : "The test could not run." });
    } finally {
      setPending(false);
    }
  };

  return (
    <section className="space-y-2 border-t border-slate-100 pt-3" aria-label="Test node">
      <div className="flex items-center justify-between">
        <h3 className="text-sm font-semibold text-slate-900">Test node</h3>
        <Button size="sm" variant="secondary" disabled={pending || !source} onClick={() => void test()}>
          {pending ? "Testing…" : "Test node"}
        </Button>
      </div>
      <p className="text-xs text-slate-500">
        Runs this node of the saved draft alone.{" "}
        {parents.length === 0 ? "It has no upstream nodes." : source?.executionId ? `Upstream outputs from the last run (${source.executionId.slice(-8)}), pinned:` : "No run yet: pin the upstream outputs as JSON."}
      </p>
      {parents.length ? (
        <textarea
          aria-label="Pinned input"
          className="h-28 w-full rounded border border-slate-200 bg-slate-50 p-2 font-mono text-xs"
          value={pinnedText}
          spellCheck={false}
          onChange={(event) => setPinnedText(event.target.value)}
          data-testid="test-node-pinned"
        />
      ) : null}
      {error ? <p role="alert" className="text-xs text-rose-700">{error}</p> : null}
      {shown ? (
        <div className="rounded-lg bg-slate-50 p-2 text-xs" data-testid="test-node-result">
          <p className="flex items-center gap-2">
            <StatusBadge status={shown.status} /> {shown.durationMs} ms
            {shown.usage.inputTokens + shown.usage.outputTokens ? ` · ${shown.usage.inputTokens + shown.usage.outputTokens} tokens · $${shown.usage.costUsd.toFixed(4)}` : ""}
          </p>
          {shown.error ? <p className="mt-1 text-rose-700" data-testid="test-node-error">{shown.error}</p> : null}
          {shown.pinned.missing.length ? <p className="mt-1 text-amber-700">No output for {shown.pinned.missing.join(", ")}.</p> : null}
          <p className="mt-1 text-slate-500">Output</p>
          <pre className="max-h-40 overflow-auto whitespace-pre-wrap break-all" data-testid="test-node-output">{JSON.stringify(shown.output, null, 2)}</pre>
        </div>
      ) : null}
    </section>
  );
}
