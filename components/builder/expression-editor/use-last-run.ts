"use client";

import { useEffect, useState } from "react";
import type { RunData } from "@/components/builder/expression-editor/expression-context";
import { apiRequest } from "@/lib/ui/api-request";

type NodeRun = { key: string; nodeId: string; kind?: string; output: unknown };

/** A run's input and node outputs by node id (a node's top-level run, else its first loop iteration). */
export function runDataOf(detail: { input?: unknown; nodeRuns: NodeRun[] }): RunData {
  const outputs: Record<string, unknown> = {};
  for (const run of detail.nodeRuns) {
    if (run.kind && run.kind !== "node") continue;
    if (run.key === `node:${run.nodeId}` || !(run.nodeId in outputs)) outputs[run.nodeId] = run.output;
  }
  return { input: detail.input ?? null, outputs };
}

/** The workflow's id from the editor's address (/workflows/{id}), when the page does not say it. */
function workflowIdFromLocation(): string | null {
  if (typeof window === "undefined") return null;
  return /\/workflows\/([^/?#]+)/.exec(window.location.pathname)?.[1] ?? null;
}

/**
 * The latest execution's data for previews and completion: given by the editor when it has a
 * run, else fetched once (null while none exists).
 */
export function useLastRun(given: RunData | null | undefined, workflowId: string | undefined, refreshKey: unknown): RunData | null {
  const [fetched, setFetched] = useState<RunData | null>(null);
  useEffect(() => {
    if (given !== undefined) return;
    const id = workflowId ?? workflowIdFromLocation();
    if (!id) return;
    let live = true;
    void (async () => {
      const page = await apiRequest<{ items: { id: string }[] }>("GET", `/api/v1/executions?workflowId=${encodeURIComponent(id)}&limit=1`);
      const latest = page.items[0];
      if (!latest) return;
      const detail = await apiRequest<{ input?: unknown; nodeRuns: NodeRun[] }>("GET", `/api/v1/executions/${latest.id}`);
      if (live) setFetched(runDataOf(detail));
    })().catch(() => undefined);
    return () => {
      live = false;
    };
  }, [given, workflowId, refreshKey]);
  return given !== undefined ? given : fetched;
}
