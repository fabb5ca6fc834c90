import { Badge } from "@/components/ui/badge";
import { Card, CardDescription, CardTitle } from "@/components/ui/card";
import type { Readiness } from "@/lib/health/check-readiness";

const DRIVER_LABELS: Record<string, string> = {
  embedded: "Embedded PostgreSQL (PGlite)",
  postgres: "PostgreSQL",
  local: "Local job driver",
  inngest: "Inngest",
  memory: "In-process",
  upstash: "Upstash Redis",
  outbox: "Dev outbox",
  smtp: "SMTP",
};

export function SystemStatus({ readiness }: { readiness: Readiness }) {
  const { database } = readiness.checks;
  const rows = [
    { name: "Database", driver: database.driver, ok: database.status === "ok", note: database.error },
    { name: "Jobs", driver: readiness.drivers.jobs, ok: true },
    { name: "Cache & rate limits", driver: readiness.drivers.kv, ok: true },
    { name: "Email", driver: readiness.drivers.mail, ok: true },
  ];
  return (
    <Card aria-labelledby="system-status-title">
      <CardTitle id="system-status-title">System status</CardTitle>
      <CardDescription>Set DATABASE_URL, INNGEST_*, UPSTASH_* or SMTP_URL to switch to external services.</CardDescription>
      <dl className="mt-4 divide-y divide-slate-100">
        {rows.map((row) => (
          <div key={row.name} className="flex flex-wrap items-center justify-between gap-2 py-2.5">
            <dt className="text-sm text-slate-600">{row.name}</dt>
            <dd className="flex items-center gap-2 text-sm font-medium text-slate-900" data-testid={`status-${row.name.toLowerCase().split(" ")[0]}`}>
              {DRIVER_LABELS[row.driver] ?? row.driver}
              <Badge tone={row.ok ? "success" : "danger"}>{row.ok ? "ready" : row.note ?? "unavailable"}</Badge>
            </dd>
          </div>
        ))}
      </dl>
    </Card>
  );
}
