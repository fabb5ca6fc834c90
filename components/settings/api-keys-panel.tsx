"use client";

import { useState } from "react";
import { toast } from "sonner";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardDescription, CardTitle } from "@/components/ui/card";
import { Input, Label, Select } from "@/components/ui/input";
import { useApiAction } from "@/components/ui/use-api-action";
import { apiRequest } from "@/lib/ui/api-request";

export type ApiKeyRow = { id: string; name: string; prefix: string; role: string; createdAt: string; lastUsedAt: string | null; createdBy: string | null };

export function ApiKeysPanel({ keys, roles }: { keys: ApiKeyRow[]; roles: string[] }) {
  const [run, pending] = useApiAction();
  const [name, setName] = useState("");
  const [role, setRole] = useState("editor");
  const [created, setCreated] = useState<string | null>(null);
  return (
    <div className="grid gap-4">
      <Card>
        <CardTitle>Create an API key</CardTitle>
        <CardDescription>
          Send it as <code className="rounded bg-slate-100 px-1">Authorization: Bearer &lt;key&gt;</code>. It acts in this workspace with the role you choose.
        </CardDescription>
        <form
          className="mt-3 grid gap-2 sm:grid-cols-[1fr_10rem_auto] sm:items-end"
          onSubmit={(event) => {
            event.preventDefault();
            run(async () => {
              const result = await apiRequest<{ key: string }>("POST", "/api/v1/api-keys", { name, role });
              setCreated(result.key);
              setName("");
            }, "API key created");
          }}
        >
          <div>
            <Label htmlFor="key-name">Name</Label>
            <Input id="key-name" required value={name} onChange={(event) => setName(event.target.value)} placeholder="CI pipeline" />
          </div>
          <div>
            <Label htmlFor="key-role">Role</Label>
            <Select id="key-role" value={role} onChange={(event) => setRole(event.target.value)}>
              {roles.map((option) => (
                <option key={option} value={option}>
                  {option}
                </option>
              ))}
            </Select>
          </div>
          <Button type="submit" disabled={pending || !name.trim()}>
            Create key
          </Button>
        </form>
        {created ? (
          <div className="mt-4 rounded-lg border border-amber-200 bg-amber-50 p-3" role="status">
            <p className="text-sm font-medium text-amber-900">Copy the key now: it is not shown again.</p>
            <div className="mt-2 flex gap-2">
              <code className="min-w-0 flex-1 truncate rounded bg-white px-2 py-1.5 text-sm" data-testid="new-api-key">
                {created}
              </code>
              <Button
                size="sm"
                variant="secondary"
                onClick={() => navigator.clipboard.writeText(created).then(() => toast.success("Copied"), () => toast.error("Copy failed"))}
              >
                Copy
              </Button>
            </div>
          </div>
        ) : null}
      </Card>
      <Card>
        <CardTitle>Active keys</CardTitle>
        {keys.length === 0 ? (
          <CardDescription>No API keys yet.</CardDescription>
        ) : (
          <ul className="mt-2 divide-y divide-slate-100" aria-label="API keys">
            {keys.map((key) => (
              <li key={key.id} className="flex flex-wrap items-center justify-between gap-2 py-3">
                <div>
                  <p className="text-sm font-medium text-slate-900">
                    {key.name} <code className="ml-1 text-xs text-slate-500">{key.prefix}…</code> <Badge>{key.role}</Badge>
                  </p>
                  <p className="text-xs text-slate-500">
                    Created {new Date(key.createdAt).toLocaleDateString()}
                    {key.createdBy ? ` by ${key.createdBy}` : ""} · {key.lastUsedAt ? `last used ${new Date(key.lastUsedAt).toLocaleString()}` : "never used"}
                  </p>
                </div>
                <Button variant="ghost" size="sm" disabled={pending} onClick={() => run(() => apiRequest("DELETE", `/api/v1/api-keys/${key.id}`), `${key.name} revoked`)}>
                  Revoke
                </Button>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
