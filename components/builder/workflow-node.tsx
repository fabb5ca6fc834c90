"use client";

import { memo, useEffect, useRef } from "react";
import { Handle, Position, useUpdateNodeInternals, type NodeProps } from "@xyflow/react";
import { AlertTriangle, CheckCircle2, CircleSlash, KeyRound, LoaderCircle, PauseCircle, XCircle } from "lucide-react";
import { useCatalog } from "@/components/builder/catalog-context";
import { useCredentials } from "@/components/builder/credentials-context";
import { CATEGORY_TONE, nodeIcon } from "@/components/builder/node-icon";
import { outputsOf } from "@/components/builder/node-outputs";
import { ERROR_HANDLE } from "@/lib/schemas/workflow";
import { formatDuration, summarizeNode } from "@/components/builder/node-summary";
import type { BuilderNode } from "@/components/builder/types";
import { cn } from "@/lib/ui/cn";
import { findCredentialProblem } from "@/lib/workflows/find-credential-problem";

const STATUS_STYLE: Record<string, string> = {
  running: "border-sky-500 ring-2 ring-sky-200",
  completed: "border-emerald-500 ring-2 ring-emerald-100",
  failed: "border-rose-500 ring-2 ring-rose-100",
  waiting: "border-amber-500 ring-2 ring-amber-100",
  skipped: "border-slate-300 opacity-60",
};

const STATUS_ICON = { running: LoaderCircle, completed: CheckCircle2, failed: XCircle, waiting: PauseCircle, skipped: CircleSlash };
const STATUS_TEXT: Record<string, string> = { running: "text-sky-700", completed: "text-emerald-700", failed: "text-rose-700", waiting: "text-amber-700", skipped: "text-slate-500" };

/** One canvas node; memoized, so a run's updates re-render only the nodes that change. */
export const WorkflowNode = memo(function WorkflowNode({ id, type, data, selected }: NodeProps<BuilderNode>) {
  const catalog = useCatalog();
  const entry = catalog.get(type);
  const outputs = outputsOf(entry, data);
  // Handles that come and go (router routes, the error output) are measured again, so edges can reach them.
  // (Not on mount: React Flow measures new nodes itself, and a 1,000-node canvas should not measure twice.)
  const updateNodeInternals = useUpdateNodeInternals();
  const handles = outputs.join("|");
  const measured = useRef(handles);
  useEffect(() => {
    if (measured.current === handles) return;
    measured.current = handles;
    updateNodeInternals(id);
  }, [handles, id, updateNodeInternals]);
  const isTrigger = entry?.category === "trigger";
  // Said on the card, so a node that will not stop the run on failure is seen at a glance.
  const failureHandling = isTrigger
    ? ""
    : [(data.retry?.maxTries ?? 1) > 1 && entry?.retriesInStep !== false ? `${data.retry!.maxTries} tries` : "", data.onError === "continue" ? "continues on error" : data.onError === "branch" ? "error output" : ""].filter(Boolean).join(" · ");
  // Said on the canvas before publishing: a run would fail on it.
  const credentialProblem = findCredentialProblem({ type, data }, useCredentials());
  const Icon = nodeIcon(type, entry?.category);
  const summary = summarizeNode(type, data);
  const StatusIcon = data.runStatus ? STATUS_ICON[data.runStatus] : null;
  const stats = data.runStats;
  return (
    <div
      data-testid={`node-${id}`}
      data-status={data.runStatus ?? "idle"}
      className={cn(
        "relative w-60 rounded-lg border bg-white shadow-sm",
        selected ? "border-brand-600 ring-2 ring-brand-100" : "border-slate-300",
        data.runStatus ? STATUS_STYLE[data.runStatus] : "",
        data.issues?.length ? "border-rose-500" : "",
        credentialProblem && !data.issues?.length && !data.runStatus ? "border-amber-500" : "",
      )}
      style={outputs.length > 2 ? { minHeight: outputs.length * 22 + 12 } : undefined}
    >
      {!isTrigger ? <Handle type="target" position={Position.Left} className="!z-10 !size-3 !bg-slate-400" /> : null}
      <div className={cn("flex items-start gap-2 px-2.5 pt-2", outputs.length > 1 ? "pr-12" : "")}>
        <span className={cn("mt-0.5 flex size-7 shrink-0 items-center justify-center rounded-md", CATEGORY_TONE[entry?.category ?? ""] ?? "bg-slate-100 text-slate-700")} title={entry?.label ?? type}>
          <Icon aria-hidden className="size-4" />
        </span>
        <div className="min-w-0 flex-1">
          <p className="truncate text-sm font-medium leading-5 text-slate-900">{data.label || entry?.label || type}</p>
          <p className="truncate font-mono text-[10px] leading-4 text-slate-500">{id}</p>
        </div>
        {StatusIcon ? <StatusIcon aria-hidden className={cn("mt-1 size-4 shrink-0", STATUS_TEXT[data.runStatus!], data.runStatus === "running" ? "animate-spin" : "")} /> : null}
      </div>
      <p className={cn("truncate px-2.5 pt-1 text-xs text-slate-600", outputs.length > 1 ? "pr-12" : "", summary ? "" : "italic text-slate-400")} data-testid={`summary-${id}`} title={summary || undefined}>
        {summary || "not configured"}
      </p>
      {failureHandling ? (
        <p className={cn("truncate px-2.5 pt-0.5 text-[11px] text-slate-500", outputs.length > 1 ? "pr-12" : "")} data-testid={`failure-handling-${id}`}>
          {failureHandling}
        </p>
      ) : null}
      {data.runStatus ? (
        <p className={cn("truncate px-2.5 pt-0.5 text-[11px] font-medium", STATUS_TEXT[data.runStatus])} data-testid={`run-stats-${id}`}>
          {[data.runStatus, stats?.durationMs !== undefined ? formatDuration(stats.durationMs) : null, stats?.tokens ? `${stats.tokens.toLocaleString("en")} tokens` : null].filter(Boolean).join(" · ")}
        </p>
      ) : null}
      {data.issues?.length ? (
        <p className="flex items-start gap-1 px-2.5 pt-1 text-[11px] text-rose-700" role="alert">
          <AlertTriangle aria-hidden className="mt-0.5 size-3 shrink-0" />
          {data.issues[0]}
        </p>
      ) : credentialProblem ? (
        <p className="flex items-start gap-1 px-2.5 pt-1 text-[11px] text-amber-800" data-testid={`credential-warning-${id}`}>
          <KeyRound aria-hidden className="mt-0.5 size-3 shrink-0" />
          {credentialProblem}
        </p>
      ) : null}
      <div className="h-2" />
      {outputs.map((handle, index) => {
        const top = `${((index + 1) / (outputs.length + 1)) * 100}%`;
        return (
          <div key={handle}>
            <Handle id={outputs.length === 1 && handle === "out" ? undefined : handle} type="source" position={Position.Right} style={{ top }} className={cn("!z-10 !size-3", handle === ERROR_HANDLE ? "!bg-rose-600" : "!bg-brand-600")} title={handle} />
            {outputs.length > 1 ? (
              <span className={cn("pointer-events-none absolute right-2.5 -translate-y-1/2 rounded bg-white/90 px-0.5 text-[10px] font-medium", handle === ERROR_HANDLE ? "text-rose-700" : "text-slate-500")} style={{ top }}>
                {handle}
              </span>
            ) : null}
          </div>
        );
      })}
    </div>
  );
});
