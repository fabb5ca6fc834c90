import { Badge } from "@/components/ui/badge";

const TONE: Record<string, "success" | "danger" | "info" | "neutral"> = { completed: "success", failed: "danger", budget_exceeded: "danger", cancelled: "neutral", running: "info", waiting: "info", queued: "neutral" };

export function StatusBadge({ status }: { status: string }) {
  return <Badge tone={TONE[status] ?? "neutral"}>{status.replace("_", " ")}</Badge>;
}

export function formatDuration(startedAt: Date | string | null, finishedAt: Date | string | null): string {
  if (!startedAt || !finishedAt) return "—";
  const ms = new Date(finishedAt).getTime() - new Date(startedAt).getTime();
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}
