import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Builder } from "@/components/builder/builder";
import type { CatalogEntry } from "@/components/builder/types";
import { requireStudioSession } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { listCredentials } from "@/lib/credentials/list-credentials";
import { nodeCatalog } from "@/lib/engine/node-catalog";
import { AppError } from "@/lib/errors/app-error";
import { WorkflowGraphSchema } from "@/lib/schemas/workflow";
import { getWorkflow } from "@/lib/workflows/get-workflow";

export const metadata: Metadata = { title: "Editor" };

export default async function WorkflowEditorPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { actor } = await requireStudioSession();
  const workflow = await getWorkflow(actor, { workflowId: id }).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  });
  const credentials = await listCredentials(actor);
  return (
    <>
      <div className="mb-3 flex items-center gap-2 text-sm">
        <Link href="/workflows" className="text-slate-500 hover:text-slate-900">Workflows</Link>
        <span className="text-slate-400">/</span>
        <h1 className="font-semibold text-slate-900">{workflow.name}</h1>
        {workflow.activeVersion ? <span className="text-xs text-slate-500">v{workflow.activeVersion} active</span> : null}
      </div>
      <Builder
        workflow={{ id: workflow.id, name: workflow.name, graph: WorkflowGraphSchema.parse(workflow.graph), draftRevision: workflow.draftRevision, activeVersion: workflow.activeVersion }}
        catalog={nodeCatalog() as CatalogEntry[]}
        credentials={credentials.map(({ id: credentialId, name, provider }) => ({ id: credentialId, name, provider }))}
        canEdit={can(actor.role, "workflows.write")}
        canManageCredentials={can(actor.role, "credentials.manage")}
      />
    </>
  );
}
