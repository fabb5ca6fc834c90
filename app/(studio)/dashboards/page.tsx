import type { Metadata } from "next";
import { BarChart3 } from "lucide-react";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Dashboards" };

export default function DashboardsPage() {
  return (
    <>
      <PageHeader title="Dashboards" />
      <EmptyState icon={BarChart3} title="Nothing to chart yet">
        Runs per day, success rate, p50/p95 duration and cost by model appear once workflows run.
      </EmptyState>
    </>
  );
}
