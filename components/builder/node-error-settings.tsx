"use client";

import { useId } from "react";
import { Input, Label, Select } from "@/components/ui/input";
import type { BuilderNodeData } from "@/components/builder/types";
import type { OnErrorMode } from "@/lib/schemas/workflow";

const ON_ERROR_LABELS: Record<OnErrorMode, string> = {
  stop: "Stop the run",
  continue: "Continue, with the error as its output",
  branch: "Take the error output",
};

/**
 * What happens when the node fails (n8n's "On Error" and "Retry On Fail"): node settings, not
 * config. `{{ nodes.<id>.output.error.message }}` reads the error downstream.
 */
export function NodeErrorSettings({ data, retries, readOnly, onChange }: { data: BuilderNodeData; retries: boolean; readOnly: boolean; onChange: (patch: Pick<BuilderNodeData, "onError" | "retry">) => void }) {
  const id = useId();
  const onError = data.onError ?? "stop";
  const maxTries = data.retry?.maxTries ?? 1;
  const waitMs = data.retry?.waitMs ?? 1000;
  const setRetry = (tries: number, wait: number) => onChange({ retry: tries > 1 ? { maxTries: tries, waitMs: wait } : undefined });
  return (
    <fieldset className="space-y-2 rounded-lg border border-slate-200 p-2" aria-label="When this node fails">
      <legend className="px-1 text-xs font-medium uppercase text-slate-500">When this node fails</legend>
      {retries ? (
        <div className="grid grid-cols-2 gap-2">
          <div>
            <Label htmlFor={`${id}-tries`}>Tries</Label>
            <Input id={`${id}-tries`} type="number" min={1} max={5} step={1} value={maxTries} disabled={readOnly} onChange={(event) => setRetry(Math.min(5, Math.max(1, Math.round(Number(event.target.value) || 1))), waitMs)} />
          </div>
          <div>
            <Label htmlFor={`${id}-wait`}>Wait between (ms)</Label>
            <Input id={`${id}-wait`} type="number" min={0} max={5000} step={100} value={waitMs} disabled={readOnly || maxTries <= 1} onChange={(event) => setRetry(maxTries, Math.min(5000, Math.max(0, Math.round(Number(event.target.value) || 0))))} />
          </div>
        </div>
      ) : null}
      <div>
        <Label htmlFor={`${id}-on-error`}>Then</Label>
        <Select id={`${id}-on-error`} value={onError} disabled={readOnly} onChange={(event) => onChange({ onError: event.target.value === "stop" ? undefined : (event.target.value as OnErrorMode) })}>
          {(Object.keys(ON_ERROR_LABELS) as OnErrorMode[]).map((mode) => (
            <option key={mode} value={mode}>
              {ON_ERROR_LABELS[mode]}
            </option>
          ))}
        </Select>
        {onError !== "stop" ? <p className="mt-1 text-xs text-slate-500">{`The node's output is then { error: { message } }${onError === "branch" ? ", on its red \"error\" output only" : ""}.`}</p> : null}
      </div>
    </fieldset>
  );
}
