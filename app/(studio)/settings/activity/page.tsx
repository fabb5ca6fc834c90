import type { Metadata } from "next";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { listActivity } from "@/lib/activity/list-activity";
import { NoAccess } from "@/components/ui/no-access";
import { requireStudioSession } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";

export const metadata: Metadata = { title: "Activity" };

const FILTERS = [
  { label: "All", action: "" },
  { label: "Members", action: "member." },
  { label: "Invitations", action: "invitation." },
  { label: "API keys", action: "api_key." },
  { label: "Sign-ins", action: "user." },
  { label: "Workflows", action: "workflow." },
];

export default async function ActivityPage({ searchParams }: { searchParams: Promise<{ action?: string; cursor?: string }> }) {
  const { actor } = await requireStudioSession();
  if (!can(actor.role, "activity.read")) return <NoAccess need="admin" />;
  const { action, cursor } = await searchParams;
  const { items, nextCursor } = await listActivity(actor, { action: action || undefined, cursor, limit: 50 });
  return (
    <Card>
      <div className="mb-3 flex flex-wrap gap-1" role="group" aria-label="Filter activity">
        {FILTERS.map((filter) => (
          <Link
            key={filter.label}
            href={filter.action ? `/settings/activity?action=${filter.action}` : "/settings/activity"}
            className={`rounded-full px-3 py-1 text-xs font-medium ${(action ?? "") === filter.action ? "bg-brand-600 text-white" : "bg-slate-100 text-slate-700 hover:bg-slate-200"}`}
          >
            {filter.label}
          </Link>
        ))}
      </div>
      {items.length === 0 ? (
        <p className="text-sm text-slate-600">Nothing recorded yet.</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <thead className="text-xs uppercase text-slate-500">
              <tr>
                <th className="py-2 pr-4 font-medium">When</th>
                <th className="py-2 pr-4 font-medium">Who</th>
                <th className="py-2 pr-4 font-medium">What</th>
                <th className="py-2 font-medium">Details</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {items.map((item) => (
                <tr key={item.id}>
                  <td className="whitespace-nowrap py-2 pr-4 text-slate-500">{item.createdAt.toLocaleString()}</td>
                  <td className="py-2 pr-4">{item.actorEmail ?? (item.actorApiKeyId ? "API key" : "—")}</td>
                  <td className="py-2 pr-4 font-mono text-xs">{item.action}</td>
                  <td className="py-2 font-mono text-xs text-slate-600">{JSON.stringify(item.data)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {nextCursor ? (
        <Link className="mt-3 inline-block text-sm text-brand-700 underline" href={`/settings/activity?${new URLSearchParams({ ...(action ? { action } : {}), cursor: nextCursor })}`}>
          Older entries
        </Link>
      ) : null}
    </Card>
  );
}
