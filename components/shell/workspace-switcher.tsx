"use client";

import { useState } from "react";
import { Plus } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/input";
import { useApiAction } from "@/components/ui/use-api-action";
import { apiRequest } from "@/lib/ui/api-request";

export type WorkspaceOption = { id: string; name: string; role: string };

export function WorkspaceSwitcher({ workspaces, activeWorkspaceId }: { workspaces: WorkspaceOption[]; activeWorkspaceId: string }) {
  const [run, pending] = useApiAction();
  const [creating, setCreating] = useState(false);
  const [name, setName] = useState("");
  return (
    <div className="space-y-2">
      <div className="flex gap-1">
        <Select
          aria-label="Workspace"
          value={activeWorkspaceId}
          disabled={pending}
          onChange={(event) => run(() => apiRequest("PUT", "/api/v1/workspaces/active", { workspaceId: event.target.value }))}
        >
          {workspaces.map((workspace) => (
            <option key={workspace.id} value={workspace.id}>
              {workspace.name}
            </option>
          ))}
        </Select>
        <Button variant="ghost" size="sm" className="h-10 px-2" aria-label="New workspace" onClick={() => setCreating((open) => !open)}>
          <Plus aria-hidden className="size-4" />
        </Button>
      </div>
      {creating ? (
        <form
          className="flex gap-1"
          onSubmit={(event) => {
            event.preventDefault();
            run(async () => {
              await apiRequest("POST", "/api/v1/workspaces", { name });
              setCreating(false);
              setName("");
            }, "Workspace created");
          }}
        >
          <Input aria-label="New workspace name" placeholder="Workspace name" value={name} onChange={(event) => setName(event.target.value)} autoFocus />
          <Button type="submit" size="sm" className="h-10" disabled={pending || !name.trim()}>
            Create
          </Button>
        </form>
      ) : null}
    </div>
  );
}
