"use client";

import Link from "next/link";
import { useState } from "react";
import { Workflow } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Card, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Input, Label } from "@/components/ui/input";
import { useApiAction } from "@/components/ui/use-api-action";
import { apiRequest } from "@/lib/ui/api-request";

export type WorkflowRow = { id: string; name: string; description: string; updatedAt: string };

export function WorkflowList({ workflows, canEdit }: { workflows: WorkflowRow[]; canEdit: boolean }) {
  const [run, pending] = useApiAction();
  const [name, setName] = useState("");
  return (
    <div className="grid gap-4">
      {canEdit ? (
        <Card>
          <CardTitle>New workflow</CardTitle>
          <form
            className="mt-3 flex flex-wrap items-end gap-2"
            onSubmit={(event) => {
              event.preventDefault();
              run(async () => {
                await apiRequest("POST", "/api/v1/workflows", { name });
                setName("");
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
          </form>
        </Card>
      ) : (
        <p className="rounded-lg bg-slate-100 px-4 py-3 text-sm text-slate-700" role="note">
          You have read-only access to this workspace&apos;s workflows.
        </p>
      )}
      {workflows.length === 0 ? (
        <EmptyState icon={Workflow} title="No workflows yet">
          {canEdit ? "Create one above." : "Editors of this workspace can create them."}
        </EmptyState>
      ) : (
        <Card>
          <ul className="divide-y divide-slate-100" aria-label="Workflows">
            {workflows.map((workflow) => (
              <li key={workflow.id} className="flex items-center justify-between gap-2 py-3">
                <div className="min-w-0">
                  <Link href={`/workflows/${workflow.id}`} className="truncate text-sm font-medium text-brand-700 hover:underline">{workflow.name}</Link>
                  <p className="text-xs text-slate-500">Updated {new Date(workflow.updatedAt).toLocaleString()}</p>
                </div>
                {canEdit ? (
                  <Button
                    variant="ghost"
                    size="sm"
                    disabled={pending}
                    aria-label={`Delete ${workflow.name}`}
                    onClick={() => run(() => apiRequest("DELETE", `/api/v1/workflows/${workflow.id}`), `"${workflow.name}" deleted`)}
                  >
                    Delete
                  </Button>
                ) : null}
              </li>
            ))}
          </ul>
        </Card>
      )}
    </div>
  );
}
