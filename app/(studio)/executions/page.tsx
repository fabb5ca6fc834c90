import type { Metadata } from "next";
import { Activity } from "lucide-react";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Executions" };

export default function ExecutionsPage() {
  return (
    <>
      <PageHeader title="Executions" />
      <EmptyState icon={Activity} title="No executions yet">
        Every run of a workflow appears here with its status, duration, tokens and cost.
      </EmptyState>
    </>
  );
}
