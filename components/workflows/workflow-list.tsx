"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { toast } from "sonner";
import { Workflow } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Card, CardDescription, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Input, Label } from "@/components/ui/input";
import { useApiAction } from "@/components/ui/use-api-action";
import { apiRequest } from "@/lib/ui/api-request";
import { TemplateCredentialDialog } from "@/components/workflows/template-credential-dialog";
import { TriggersDialog } from "@/components/workflows/triggers-panel";
import { templateModelProviders, WORKFLOW_TEMPLATES, type WorkflowTemplate } from "@/lib/workflows/templates";

export type WorkflowRow = { id: string; name: string; description: string; updatedAt: string };
type FullWorkflow = { name: string; description: string; graph: unknown };

export function WorkflowList({
  workflows,
  canEdit,
  credentials: initialCredentials = [],
  canManageCredentials = false,
}: {
  workflows: WorkflowRow[];
  canEdit: boolean;
  credentials?: { id: string; name: string; provider: string }[];
  canManageCredentials?: boolean;
}) {
  const [run, pending] = useApiAction();
  const router = useRouter();
  const [credentials, setCredentials] = useState(initialCredentials);
  // A template whose agents need a model credential asks for it before it is created.
  const [pendingTemplate, setPendingTemplate] = useState<WorkflowTemplate | null>(null);
  const [name, setName] = useState("");
  const [renaming, setRenaming] = useState<{ id: string; name: string } | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  const exportWorkflow = async (workflow: WorkflowRow) => {
    const full = await apiRequest<FullWorkflow>("GET", `/api/v1/workflows/${workflow.id}`);
    const blob = new Blob([JSON.stringify({ name: full.name, description: full.description, graph: full.graph }, null, 2)], { type: "application/json" });
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = `${workflow.name.replace(/[^\w-]+/g, "-").toLowerCase() || "workflow"}.json`;
    link.click();
    URL.revokeObjectURL(link.href);
  };

  const importFile = async (file: File) => {
    let parsed: Partial<FullWorkflow>;
    try {
      parsed = JSON.parse(await file.text());
    } catch {
      toast.error(`${file.name} is not JSON.`);
      return;
    }
    run(() => apiRequest("POST", "/api/v1/workflows", { name: parsed.name || file.name.replace(/\.json$/i, ""), description: parsed.description ?? "", graph: parsed.graph }), `Imported "${parsed.name ?? file.name}"`);
  };

  return (
    <div className="grid gap-4">
      {canEdit ? (
        <Card>
          <CardTitle>New workflow</CardTitle>
          <form
            className="mt-3 flex flex-wrap items-end gap-2"
            onSubmit={(event) => {
              event.preventDefault();
              // A new workflow is empty: open it in the editor to build it.
              run(async () => {
                const created = await apiRequest<{ id: string }>("POST", "/api/v1/workflows", { name });
                router.push(`/workflows/${created.id}`);
              }, `Workflow "${name}" created`);
            }}
          >
            <div className="min-w-48 flex-1">
              <Label htmlFor="workflow-name">Name</Label>
              <Input id="workflow-name" required value={name} onChange={(event) => setName(event.target.value)} placeholder="Support triage" />
            </div>
            <Button type="submit" disabled={pending || !name.trim()}>
              Create workflow
            </Button>
            <Button variant="secondary" onClick={() => fileInput.current?.click()} disabled={pending}>
              Import JSON
            </Button>
            <input ref={fileInput} type="file" accept="application/json,.json" className="hidden" aria-label="Import a workflow file" onChange={(event) => event.target.files?.[0] && void importFile(event.target.files[0])} />
          </form>
          <CardDescription className="mt-4">Or start from a template:</CardDescription>
          <ul className="mt-2 grid gap-2 sm:grid-cols-2" aria-label="Templates">
            {WORKFLOW_TEMPLATES.map((template) => (
              <li key={template.id}>
                <button
                  type="button"
                  disabled={pending}
                  className="h-full w-full rounded-lg border border-slate-200 p-3 text-left hover:border-brand-500 hover:bg-brand-50"
                  onClick={() =>
                    templateModelProviders(template).length
                      ? setPendingTemplate(template)
                      : run(async () => {
                          const created = await apiRequest<{ id: string }>("POST", "/api/v1/workflows", { name: template.name, description: template.description, graph: template.graph });
                          router.push(`/workflows/${created.id}`);
                        }, `"${template.name}" created from the template`)
                  }
                >
                  <span className="block text-sm font-medium text-slate-900">{template.name}</span>
                  <span className="block text-xs text-slate-600">{template.description}</span>
                </button>
              </li>
            ))}
          </ul>
        </Card>
      ) : (
        <p className="rounded-lg bg-slate-100 px-4 py-3 text-sm text-slate-700" role="note">
          You have read-only access to this workspace&apos;s workflows.
        </p>
      )}
      {pendingTemplate ? (
        <TemplateCredentialDialog
          template={pendingTemplate}
          credentials={credentials}
          canManageCredentials={canManageCredentials}
          onClose={() => setPendingTemplate(null)}
          onCredentialAdded={(credential) => setCredentials((current) => [...current, credential])}
        />
      ) : null}
      {workflows.length === 0 ? (
        <EmptyState icon={Workflow} title="No workflows yet">
          {canEdit ? "Create one above or start from a template." : "Editors of this workspace can create them."}
        </EmptyState>
      ) : (
        <Card>
          <ul className="divide-y divide-slate-100" aria-label="Workflows">
            {workflows.map((workflow) => (
              <li key={workflow.id} className="flex flex-wrap items-center justify-between gap-2 py-3">
                {renaming?.id === workflow.id ? (
                  <form
                    className="flex flex-1 gap-2"
                    onSubmit={(event) => {
                      event.preventDefault();
                      run(async () => {
                        await apiRequest("PATCH", `/api/v1/workflows/${workflow.id}`, { name: renaming.name });
                        setRenaming(null);
                      }, "Renamed");
                    }}
                  >
                    <Input aria-label={`New name for ${workflow.name}`} value={renaming.name} onChange={(event) => setRenaming({ id: workflow.id, name: event.target.value })} autoFocus />
                    <Button type="submit" size="sm" className="h-10">Save</Button>
                  </form>
                ) : (
                  <div className="min-w-0">
                    <Link href={`/workflows/${workflow.id}`} className="truncate text-sm font-medium text-brand-700 hover:underline">{workflow.name}</Link>
                    <p className="text-xs text-slate-500">Updated {new Date(workflow.updatedAt).toLocaleString()}</p>
                  </div>
                )}
                <div className="flex gap-1">
                  <Button variant="ghost" size="sm" aria-label={`Export ${workflow.name}`} onClick={() => void exportWorkflow(workflow)}>Export</Button>
                  {canEdit ? (
                    <>
                      <TriggersDialog workflowId={workflow.id} workflowName={workflow.name} />
                      <Button variant="ghost" size="sm" aria-label={`Rename ${workflow.name}`} onClick={() => setRenaming({ id: workflow.id, name: workflow.name })}>Rename</Button>
                      <Button
                        variant="ghost"
                        size="sm"
                        disabled={pending}
                        aria-label={`Duplicate ${workflow.name}`}
                        onClick={() =>
                          run(async () => {
                            const full = await apiRequest<FullWorkflow>("GET", `/api/v1/workflows/${workflow.id}`);
                            await apiRequest("POST", "/api/v1/workflows", { name: `Copy of ${full.name}`.slice(0, 120), description: full.description, graph: full.graph });
                          }, `"${workflow.name}" duplicated`)
                        }
                      >
                        Duplicate
                      </Button>
                      <Button variant="ghost" size="sm" disabled={pending} aria-label={`Delete ${workflow.name}`} onClick={() => run(() => apiRequest("DELETE", `/api/v1/workflows/${workflow.id}`), `"${workflow.name}" deleted`)}>
                        Delete
                      </Button>
                    </>
                  ) : null}
                </div>
              </li>
            ))}
          </ul>
        </Card>
      )}
    </div>
  );
}
