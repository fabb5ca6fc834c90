import Link from "next/link";
import { Activity, BarChart3, Workflow } from "lucide-react";
import { FirstRunChecklist } from "@/components/overview/first-run-checklist";
import { SystemStatus } from "@/components/shell/system-status";
import { Card, CardDescription, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireStudioSession } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { checkReadiness } from "@/lib/health/check-readiness";
import { getFirstRunProgress } from "@/lib/workspaces/get-first-run-progress";

export const dynamic = "force-dynamic";

const SECTIONS = [
  { href: "/workflows", icon: Workflow, title: "Workflows", text: "Design agent workflows on a visual canvas." },
  { href: "/executions", icon: Activity, title: "Executions", text: "Follow every run node by node, live." },
  { href: "/dashboards", icon: BarChart3, title: "Dashboards", text: "Runs, success rate, latency, tokens and cost." },
];

export default async function OverviewPage() {
  const { actor } = await requireStudioSession();
  const [readiness, progress] = await Promise.all([checkReadiness(), getFirstRunProgress(actor)]);
  return (
    <>
      <PageHeader title="Overview" description="Build AI agent workflows visually, run them durably, and operate them as a team." />
      <div className="grid items-start gap-4 lg:grid-cols-3">
        <div className="grid gap-4 lg:col-span-2">
          <FirstRunChecklist progress={progress} canManageCredentials={can(actor.role, "credentials.manage")} canEdit={can(actor.role, "workflows.write")} />
          <div className="grid gap-4 sm:grid-cols-3 lg:grid-cols-1 xl:grid-cols-3">
            {SECTIONS.map(({ href, icon: Icon, title, text }) => (
              <Link key={href} href={href} className="group rounded-xl focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500">
                <Card className="h-full transition-shadow group-hover:shadow-md">
                  <Icon aria-hidden className="size-5 text-brand-600" />
                  <CardTitle className="mt-3">{title}</CardTitle>
                  <CardDescription>{text}</CardDescription>
                </Card>
              </Link>
            ))}
          </div>
        </div>
        <SystemStatus readiness={readiness} />
      </div>
    </>
  );
}
