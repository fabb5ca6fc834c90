"use client";

import { useEffect, useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { apiRequest } from "@/lib/ui/api-request";

type WebhookTrigger = { id: string; nodeId: string; type: "webhook"; url: string; secret: string; enabled: boolean };
type ScheduleTrigger = { id: string; nodeId: string; type: "schedule"; cron: string | null; timezone: string | null; description: string; nextRunAt: string | null; nextRunTimes: string[]; lastFiredAt: string | null; enabled: boolean };
export type TriggerView = WebhookTrigger | ScheduleTrigger;

async function copy(text: string, what: string) {
  try {
    await navigator.clipboard.writeText(text);
    toast.success(`${what} copied`);
  } catch {
    toast.error(`Could not copy the ${what.toLowerCase()}: select it and copy by hand.`);
  }
}

/** A time in the schedule's own zone, with the zone's abbreviation ("Mon 1 Dec, 09:00 CET"). */
function formatInZone(iso: string, timeZone: string) {
  return new Intl.DateTimeFormat("en-GB", { timeZone, weekday: "short", day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZoneName: "short" }).format(new Date(iso));
}

/**
 * The active version's webhooks (URL, secret reveal/copy/rotate, a sample curl, enable/disable)
 * and schedules (the cron in words, the next 5 runs in its time zone, last fired, pause/resume).
 */
export function TriggersPanel({ workflowId }: { workflowId: string }) {
  const [triggers, setTriggers] = useState<TriggerView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let cancelled = false;
    apiRequest<{ items: TriggerView[] }>("GET", `/api/v1/workflows/${workflowId}/triggers`)
      .then((result) => !cancelled && setTriggers(result.items))
      .catch((failure: unknown) => !cancelled && setError(failure instanceof Error ? failure.message : "Could not load the triggers."));
    return () => {
      cancelled = true;
    };
  }, [workflowId]);
  const replace = (updated: TriggerView) => setTriggers((current) => current?.map((trigger) => (trigger.id === updated.id ? updated : trigger)) ?? null);

  if (error) return <p role="alert" className="text-sm text-rose-700">{error}</p>;
  if (!triggers) return <p className="text-sm text-slate-500">Loading triggers…</p>;
  if (triggers.length === 0) {
    return <p className="text-sm text-slate-600">The published version has no Webhook or Schedule trigger. Add one to the canvas and publish: its URL, secret or next runs then appear here.</p>;
  }
  return (
    <ul className="space-y-4" aria-label="Triggers">
      {triggers.map((trigger) => (
        <li key={trigger.id} className="rounded-lg border border-slate-200 p-3" data-testid={`trigger-${trigger.nodeId}`}>
          {trigger.type === "webhook" ? <WebhookCard trigger={trigger} workflowId={workflowId} onChange={replace} /> : <ScheduleCard trigger={trigger} workflowId={workflowId} onChange={replace} />}
        </li>
      ))}
    </ul>
  );
}

function useTriggerAction(onChange: (trigger: TriggerView) => void): [(action: () => Promise<TriggerView>, success: string) => void, boolean] {
  const [pending, setPending] = useState(false);
  return [
    (action, success) => {
      setPending(true);
      action()
        .then((updated) => {
          onChange(updated);
          toast.success(success);
        })
        .catch((failure: unknown) => toast.error(failure instanceof Error ? failure.message : "Something went wrong."))
        .finally(() => setPending(false));
    },
    pending,
  ];
}

function EnabledBadge({ enabled, off }: { enabled: boolean; off: string }) {
  return <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${enabled ? "bg-emerald-100 text-emerald-800" : "bg-slate-200 text-slate-700"}`} data-testid="trigger-state">{enabled ? "Active" : off}</span>;
}

function WebhookCard({ trigger, workflowId, onChange }: { trigger: WebhookTrigger; workflowId: string; onChange: (trigger: TriggerView) => void }) {
  const [revealed, setRevealed] = useState(false);
  const [confirmRotate, setConfirmRotate] = useState(false);
  const [act, pending] = useTriggerAction(onChange);
  const base = `/api/v1/workflows/${workflowId}/triggers/${trigger.id}`;
  const curl = (secret: string) => `curl -X POST '${trigger.url}' \\\n  -H 'X-Agentry-Secret: ${secret}' \\\n  -H 'content-type: application/json' \\\n  -d '{"hello": "world"}'`;
  return (
    <div className="space-y-2 text-sm">
      <div className="flex items-center gap-2">
        <span className="font-medium text-slate-900">Webhook</span>
        <span className="font-mono text-xs text-slate-500">{trigger.nodeId}</span>
        <EnabledBadge enabled={trigger.enabled} off="Disabled" />
        <Button size="sm" variant="secondary" className="ml-auto" disabled={pending} onClick={() => act(() => apiRequest("PATCH", base, { enabled: !trigger.enabled }), trigger.enabled ? "Webhook disabled" : "Webhook enabled")}>
          {trigger.enabled ? "Disable" : "Enable"}
        </Button>
      </div>
      <div>
        <label htmlFor={`url-${trigger.id}`} className="block text-xs text-slate-500">URL (POST)</label>
        <div className="flex gap-1">
          <input id={`url-${trigger.id}`} readOnly value={trigger.url} className="h-8 flex-1 rounded border border-slate-300 bg-slate-50 px-2 font-mono text-xs" onFocus={(event) => event.target.select()} />
          <Button size="sm" variant="secondary" onClick={() => void copy(trigger.url, "URL")}>Copy URL</Button>
        </div>
      </div>
      <div>
        <label htmlFor={`secret-${trigger.id}`} className="block text-xs text-slate-500">Secret (header X-Agentry-Secret)</label>
        <div className="flex flex-wrap gap-1">
          <input id={`secret-${trigger.id}`} readOnly type={revealed ? "text" : "password"} value={trigger.secret} className="h-8 min-w-40 flex-1 rounded border border-slate-300 bg-slate-50 px-2 font-mono text-xs" data-testid="webhook-secret" />
          <Button size="sm" variant="secondary" onClick={() => setRevealed(!revealed)}>{revealed ? "Hide" : "Reveal"}</Button>
          <Button size="sm" variant="secondary" onClick={() => void copy(trigger.secret, "Secret")}>Copy secret</Button>
          {confirmRotate ? (
            <>
              <Button size="sm" variant="danger" disabled={pending} onClick={() => { setConfirmRotate(false); act(() => apiRequest("POST", `${base}/rotate-secret`), "Secret rotated: the old one no longer works"); }}>Confirm rotate</Button>
              <Button size="sm" variant="ghost" onClick={() => setConfirmRotate(false)}>Keep</Button>
            </>
          ) : (
            <Button size="sm" variant="secondary" disabled={pending} onClick={() => setConfirmRotate(true)}>Rotate secret</Button>
          )}
        </div>
        {confirmRotate ? <p className="mt-1 text-xs text-amber-800">Callers using the current secret get 401 as soon as you rotate.</p> : null}
      </div>
      <div>
        <div className="flex items-center justify-between">
          <span className="text-xs text-slate-500">Try it (add <code>?wait=true</code> to get the output back)</span>
          <Button size="sm" variant="ghost" onClick={() => void copy(curl(trigger.secret), "curl command")}>Copy curl</Button>
        </div>
        <pre className="overflow-x-auto rounded bg-slate-900 p-2 text-xs text-slate-100" data-testid="webhook-curl">{curl(revealed ? trigger.secret : "$AGENTRY_WEBHOOK_SECRET")}</pre>
      </div>
    </div>
  );
}

function ScheduleCard({ trigger, workflowId, onChange }: { trigger: ScheduleTrigger; workflowId: string; onChange: (trigger: TriggerView) => void }) {
  const [act, pending] = useTriggerAction(onChange);
  const zone = trigger.timezone ?? "UTC";
  return (
    <div className="space-y-2 text-sm">
      <div className="flex items-center gap-2">
        <span className="font-medium text-slate-900">Schedule</span>
        <span className="font-mono text-xs text-slate-500">{trigger.nodeId}</span>
        <EnabledBadge enabled={trigger.enabled} off="Paused" />
        <Button size="sm" variant="secondary" className="ml-auto" disabled={pending} onClick={() => act(() => apiRequest("PATCH", `/api/v1/workflows/${workflowId}/triggers/${trigger.id}`, { enabled: !trigger.enabled }), trigger.enabled ? "Schedule paused" : "Schedule resumed")}>
          {trigger.enabled ? "Pause" : "Resume"}
        </Button>
      </div>
      <p className="text-slate-800" data-testid="schedule-description">{trigger.description}</p>
      <p className="text-xs text-slate-500"><code>{trigger.cron}</code> · last fired {trigger.lastFiredAt ? formatInZone(trigger.lastFiredAt, zone) : "never"}</p>
      {trigger.enabled ? (
        <div>
          <p className="text-xs text-slate-500">Next runs ({zone})</p>
          <ol className="mt-1 list-inside list-decimal text-xs text-slate-700" aria-label="Next runs">
            {trigger.nextRunTimes.map((time) => <li key={time}>{formatInZone(time, zone)}</li>)}
          </ol>
        </div>
      ) : (
        <p className="text-xs text-slate-600">Paused: no runs start. Resuming continues from now (missed times do not run).</p>
      )}
    </div>
  );
}

/** A "Triggers" button opening the panel in a dialog (workflow list, editor toolbar). */
export function TriggersDialog({ workflowId, workflowName, size = "sm", variant = "ghost" }: { workflowId: string; workflowName: string; size?: "sm" | "md"; variant?: "ghost" | "secondary" }) {
  const [open, setOpen] = useState(false);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant={variant} size={size} aria-label={`Triggers of ${workflowName}`}>Triggers</Button>
      </DialogTrigger>
      <DialogContent title={`Triggers · ${workflowName}`} description="Webhooks and schedules of the published version." className="max-w-2xl">
        {open ? <TriggersPanel workflowId={workflowId} /> : null}
      </DialogContent>
    </Dialog>
  );
}
