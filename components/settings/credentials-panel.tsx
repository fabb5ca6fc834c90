"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { KeyRound } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardDescription, CardTitle } from "@/components/ui/card";
import { Dialog, DialogClose, DialogContent } from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { useApiAction } from "@/components/ui/use-api-action";
import { knowledgeBaseUses, UsedByLine, UsedByWarning, workflowUses } from "@/components/settings/used-by";
import { CredentialForm, TestResultNote, testCredentialRequest, type CredentialTestResult } from "@/components/settings/credential-form";
import { apiRequest } from "@/lib/ui/api-request";
import { isModelProvider, PROVIDER_LABELS, type CredentialProvider } from "@/lib/schemas/credential";

export type CredentialRow = {
  id: string;
  name: string;
  provider: string;
  createdAt: string;
  /** Admins only. */
  baseUrl?: string | null;
  lastUsedAt?: string | null;
  rotatedAt?: string | null;
  usedBy?: { workflowId: string; workflowName: string }[];
  usedByKnowledgeBases?: { knowledgeBaseId: string; name: string }[];
};

const providerLabel = (provider: string) => PROVIDER_LABELS[provider as CredentialProvider] ?? provider;

export function CredentialsPanel({ credentials, canManage }: { credentials: CredentialRow[]; canManage: boolean }) {
  const router = useRouter();
  const [added, setAdded] = useState<{ name: string; test: CredentialTestResult | null } | null>(null);
  const [formKey, setFormKey] = useState(0);
  if (!canManage) {
    return (
      <Card>
        <CardTitle>Credentials</CardTitle>
        <CardDescription>Model keys and tokens the workflows of this workspace use. Only admins add, test, rotate or delete them; secrets are never shown.</CardDescription>
        {credentials.length === 0 ? (
          <p className="mt-3 text-sm text-slate-600">No credentials yet. Ask an admin to add one.</p>
        ) : (
          <ul className="mt-2 divide-y divide-slate-100" aria-label="Credentials">
            {credentials.map((credential) => (
              <li key={credential.id} className="flex items-center gap-2 py-2 text-sm text-slate-900">
                {credential.name} <Badge>{providerLabel(credential.provider)}</Badge>
              </li>
            ))}
          </ul>
        )}
      </Card>
    );
  }
  return (
    <div className="grid gap-4">
      <Card>
        <CardTitle>Add a credential</CardTitle>
        <CardDescription>An API key for Anthropic or OpenAI, an OpenAI-compatible server (Ollama, vLLM …), or a token HTTP nodes send. Model keys are tested right away.</CardDescription>
        <div className="mt-3">
          <CredentialForm
            key={formKey}
            onSaved={(credential, test) => {
              setAdded({ name: credential.name, test });
              setFormKey((value) => value + 1);
              toast.success(`Credential "${credential.name}" saved`);
              router.refresh();
            }}
          />
        </div>
        {added?.test ? <TestResultNote className="mt-3" result={added.test} /> : null}
      </Card>
      <Card>
        <CardTitle>Credentials</CardTitle>
        {credentials.length === 0 ? (
          <EmptyState icon={KeyRound} title="No credentials yet">
            Add a model key above to let agent nodes answer.
          </EmptyState>
        ) : (
          <ul className="mt-2 divide-y divide-slate-100" aria-label="Credentials">
            {credentials.map((credential) => (
              <CredentialItem key={credential.id} credential={credential} />
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}

function CredentialItem({ credential }: { credential: CredentialRow }) {
  const [run, pending] = useApiAction();
  const [testing, setTesting] = useState(false);
  const [result, setResult] = useState<CredentialTestResult | null>(null);
  const [rotating, setRotating] = useState(false);
  const [secret, setSecret] = useState("");
  const [confirmDelete, setConfirmDelete] = useState(false);
  const model = isModelProvider(credential.provider);
  const uses = [...workflowUses(credential.usedBy), ...knowledgeBaseUses(credential.usedByKnowledgeBases)];

  const test = async () => {
    setTesting(true);
    setResult(null);
    setResult(await testCredentialRequest(credential.id));
    setTesting(false);
  };

  return (
    <li className="py-3" aria-label={credential.name}>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <p className="flex flex-wrap items-center gap-2 text-sm font-medium text-slate-900">
            {credential.name} <Badge>{providerLabel(credential.provider)}</Badge>
            {credential.baseUrl ? <code className="truncate text-xs font-normal text-slate-500">{credential.baseUrl}</code> : null}
          </p>
          <p className="text-xs text-slate-500">
            Added {new Date(credential.createdAt).toLocaleDateString()} · {credential.lastUsedAt ? `last used ${new Date(credential.lastUsedAt).toLocaleString()}` : "never used"}
            {credential.rotatedAt ? ` · rotated ${new Date(credential.rotatedAt).toLocaleString()}` : ""}
          </p>
          <UsedByLine uses={uses} none="Not used by any workflow or knowledge base" />
        </div>
        <div className="flex gap-1">
          {model ? (
            <Button variant="secondary" size="sm" disabled={testing} aria-label={`Test ${credential.name}`} onClick={() => void test()}>
              {testing ? "Testing…" : "Test"}
            </Button>
          ) : null}
          <Button variant="ghost" size="sm" aria-label={`Rotate ${credential.name}`} onClick={() => setRotating((value) => !value)}>
            Rotate
          </Button>
          <Button variant="ghost" size="sm" aria-label={`Delete ${credential.name}`} onClick={() => setConfirmDelete(true)}>
            Delete
          </Button>
        </div>
      </div>
      {rotating ? (
        <form
          className="mt-2 flex flex-wrap items-center gap-2"
          onSubmit={(event) => {
            event.preventDefault();
            run(async () => {
              await apiRequest("PATCH", `/api/v1/credentials/${credential.id}`, { secret });
              setSecret("");
              setRotating(false);
              if (model) void test();
            }, `"${credential.name}" rotated`);
          }}
        >
          <Input
            type="password"
            autoComplete="off"
            spellCheck={false}
            aria-label={`New secret for ${credential.name}`}
            placeholder="Paste the new secret"
            className="h-9 max-w-sm"
            required
            value={secret}
            onChange={(event) => setSecret(event.target.value)}
          />
          <Button type="submit" size="sm" disabled={pending || !secret}>
            Save new secret
          </Button>
        </form>
      ) : null}
      {result ? <TestResultNote className="mt-2" result={result} /> : null}
      <Dialog open={confirmDelete} onOpenChange={setConfirmDelete}>
        <DialogContent title={`Delete "${credential.name}"?`} description={uses.length ? undefined : "Nothing uses it. This cannot be undone."}>
          {uses.length ? <UsedByWarning uses={uses} consequence="workflows' nodes will show a missing credential and their runs fail until you choose another one; knowledge bases can no longer embed new documents or search by meaning." /> : null}
          <div className="mt-4 flex justify-end gap-2">
            <DialogClose asChild>
              <Button variant="secondary">Cancel</Button>
            </DialogClose>
            <Button
              variant="danger"
              disabled={pending}
              onClick={() =>
                run(async () => {
                  await apiRequest("DELETE", `/api/v1/credentials/${credential.id}${uses.length ? "?force=true" : ""}`);
                  setConfirmDelete(false);
                }, `"${credential.name}" deleted`)
              }
            >
              {uses.length ? "Delete anyway" : "Delete"}
            </Button>
          </div>
        </DialogContent>
      </Dialog>
    </li>
  );
}
