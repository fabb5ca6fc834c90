import type { Metadata } from "next";
import { WorkflowList } from "@/components/workflows/workflow-list";
import { PageHeader } from "@/components/ui/page-header";
import { requireStudioSession } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { listCredentials } from "@/lib/credentials/list-credentials";
import { listWorkflows } from "@/lib/workflows/list-workflows";

export const metadata: Metadata = { title: "Workflows" };

export default async function WorkflowsPage() {
  const { actor } = await requireStudioSession();
  const [{ items }, credentials] = await Promise.all([listWorkflows(actor, { limit: 100 }), listCredentials(actor)]);
  return (
    <>
      <PageHeader title="Workflows" description="Agent workflows of this workspace: open one to build it on the canvas." />
      <WorkflowList
        canEdit={can(actor.role, "workflows.write")}
        canManageCredentials={can(actor.role, "credentials.manage")}
        credentials={credentials.map(({ id, name, provider }) => ({ id, name, provider }))}
        workflows={items.map((workflow) => ({ id: workflow.id, name: workflow.name, description: workflow.description, updatedAt: workflow.updatedAt.toISOString() }))}
      />
    </>
  );
}
