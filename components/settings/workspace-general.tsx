"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardDescription, CardTitle } from "@/components/ui/card";
import { Input, Label, Select } from "@/components/ui/input";
import { useApiAction } from "@/components/ui/use-api-action";
import { apiRequest } from "@/lib/ui/api-request";

type Props = {
  workspace: { id: string; name: string };
  userId: string;
  canRename: boolean;
  isOwner: boolean;
  otherMembers: { userId: string; email: string | null }[];
};

export function WorkspaceGeneral({ workspace, userId, canRename, isOwner, otherMembers }: Props) {
  const router = useRouter();
  const [run, pending] = useApiAction();
  const [name, setName] = useState(workspace.name);
  const [newOwner, setNewOwner] = useState(otherMembers[0]?.userId ?? "");
  const [confirmName, setConfirmName] = useState("");
  return (
    <div className="grid max-w-2xl gap-4">
      <Card>
        <CardTitle>Workspace name</CardTitle>
        <form
          className="mt-3 flex gap-2"
          onSubmit={(event) => {
            event.preventDefault();
            run(() => apiRequest("PATCH", `/api/v1/workspaces/${workspace.id}`, { name }), "Workspace renamed");
          }}
        >
          <Input aria-label="Workspace name" value={name} onChange={(event) => setName(event.target.value)} disabled={!canRename} />
          {canRename ? (
            <Button type="submit" disabled={pending || name.trim() === workspace.name}>
              Save
            </Button>
          ) : null}
        </form>
        {!canRename ? <CardDescription>Only admins and owners can rename the workspace.</CardDescription> : null}
      </Card>

      {isOwner ? (
        <Card>
          <CardTitle>Transfer ownership</CardTitle>
          <CardDescription>The member becomes the owner; you become an admin.</CardDescription>
          {otherMembers.length ? (
            <form
              className="mt-3 flex gap-2"
              onSubmit={(event) => {
                event.preventDefault();
                run(() => apiRequest("POST", `/api/v1/workspaces/${workspace.id}/transfer`, { userId: newOwner }), "Ownership transferred");
              }}
            >
              <Label htmlFor="new-owner" className="sr-only">New owner</Label>
              <Select id="new-owner" value={newOwner} onChange={(event) => setNewOwner(event.target.value)}>
                {otherMembers.map((member) => (
                  <option key={member.userId} value={member.userId}>
                    {member.email}
                  </option>
                ))}
              </Select>
              <Button type="submit" variant="secondary" disabled={pending}>
                Transfer
              </Button>
            </form>
          ) : (
            <CardDescription>Invite someone first.</CardDescription>
          )}
        </Card>
      ) : null}

      <Card className="border-rose-200">
        <CardTitle>Leave or delete</CardTitle>
        <div className="mt-3 flex flex-wrap items-center gap-2">
          <Button
            variant="secondary"
            disabled={pending}
            onClick={() =>
              run(async () => {
                await apiRequest("DELETE", `/api/v1/members/${userId}`);
                router.push("/");
              }, "You left the workspace")
            }
          >
            Leave workspace
          </Button>
        </div>
        {isOwner ? (
          <form
            className="mt-4 space-y-2"
            onSubmit={(event) => {
              event.preventDefault();
              run(async () => {
                await apiRequest("DELETE", `/api/v1/workspaces/${workspace.id}`);
                router.push("/");
              }, "Workspace deleted");
            }}
          >
            <Label htmlFor="confirm-delete">Type the workspace name to delete it and everything in it</Label>
            <div className="flex gap-2">
              <Input id="confirm-delete" value={confirmName} onChange={(event) => setConfirmName(event.target.value)} />
              <Button type="submit" variant="danger" disabled={pending || confirmName !== workspace.name}>
                Delete
              </Button>
            </div>
          </form>
        ) : null}
      </Card>
    </div>
  );
}
