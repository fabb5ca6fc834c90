"use client";

import { memo } from "react";
import { Handle, Position, type NodeProps } from "@xyflow/react";
import { AlertTriangle, KeyRound } from "lucide-react";
import { useCatalog } from "@/components/builder/catalog-context";
import { useCredentials } from "@/components/builder/credentials-context";
import { outputsOf } from "@/components/builder/node-outputs";
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

const CATEGORY_STYLE: Record<string, string> = {
  trigger: "bg-violet-100 text-violet-800",
  ai: "bg-fuchsia-100 text-fuchsia-800",
  logic: "bg-amber-100 text-amber-800",
  flow: "bg-sky-100 text-sky-800",
  data: "bg-emerald-100 text-emerald-800",
  integration: "bg-orange-100 text-orange-800",
  human: "bg-rose-100 text-rose-800",
};

/** One canvas node; memoized, so a run's updates re-render only the nodes that change. */
export const WorkflowNode = memo(function WorkflowNode({ id, type, data, selected }: NodeProps<BuilderNode>) {
  const catalog = useCatalog();
  const entry = catalog.get(type);
  const outputs = outputsOf(entry, data);
  const isTrigger = entry?.category === "trigger";
  // Said on the canvas before publishing: a run would fail on it.
  const credentialProblem = findCredentialProblem({ type, data }, useCredentials());
  return (
    <div
      data-testid={`node-${id}`}
      data-status={data.runStatus ?? "idle"}
      className={cn(
        "min-w-44 rounded-lg border bg-white px-3 py-2 shadow-sm",
        selected ? "border-brand-600" : "border-slate-300",
        data.runStatus ? STATUS_STYLE[data.runStatus] : "",
        data.issues?.length ? "border-rose-500" : "",
        credentialProblem && !data.issues?.length && !data.runStatus ? "border-amber-500" : "",
      )}
    >
      {!isTrigger ? <Handle type="target" position={Position.Left} className="!z-10 !size-3 !bg-slate-400" /> : null}
      <div className="flex items-center gap-2">
        <span className={cn("rounded px-1.5 py-0.5 text-[10px] font-semibold uppercase", CATEGORY_STYLE[entry?.category ?? ""] ?? "bg-slate-100 text-slate-700")}>{entry?.category ?? "?"}</span>
        <span className="truncate text-sm font-medium text-slate-900">{data.label || entry?.label || type}</span>
      </div>
      <p className="mt-0.5 font-mono text-[10px] text-slate-500">{id}</p>
      {data.issues?.length ? (
        <p className="mt-1 flex items-start gap-1 text-[11px] text-rose-700" role="alert">
          <AlertTriangle aria-hidden className="mt-0.5 size-3 shrink-0" />
          {data.issues[0]}
        </p>
      ) : credentialProblem ? (
        <p className="mt-1 flex items-start gap-1 text-[11px] text-amber-800" data-testid={`credential-warning-${id}`}>
          <KeyRound aria-hidden className="mt-0.5 size-3 shrink-0" />
          {credentialProblem}
        </p>
      ) : null}
      {outputs.map((handle, index) => (
        <Handle
          key={handle}
          id={outputs.length === 1 && handle === "out" ? undefined : handle}
          type="source"
          position={Position.Right}
          style={{ top: `${((index + 1) / (outputs.length + 1)) * 100}%` }}
          className="!z-10 !size-3 !bg-brand-600"
          title={handle}
        />
      ))}
      {outputs.length > 1 ? (
        <div className="pointer-events-none absolute -right-1 top-0 flex h-full translate-x-full flex-col justify-around pl-1 text-[9px] text-slate-500">
          {outputs.map((handle) => (
            <span key={handle}>{handle}</span>
          ))}
        </div>
      ) : null}
    </div>
  );
});
