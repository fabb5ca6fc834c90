import type { Metadata } from "next";
import { Workflow } from "lucide-react";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Workflows" };

export default function WorkflowsPage() {
  return (
    <>
      <PageHeader title="Workflows" />
      <EmptyState icon={Workflow} title="No workflows yet">
        Workflows you build on the canvas will be listed here, with their versions and triggers.
      </EmptyState>
    </>
  );
}
