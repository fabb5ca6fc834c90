"use client";

import { useId, useState } from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { Label, Select } from "@/components/ui/input";
import { useApiAction } from "@/components/ui/use-api-action";
import { apiRequest } from "@/lib/ui/api-request";

type CredentialOption = { id: string; name: string; provider: string };

/**
 * Which credential reaches the knowledge base's embedding model. Another one for the same model
 * can be chosen (e.g. after the old one was deleted); the model and dimensions stay.
 */
export function EmbeddingCredential({ knowledgeBaseId, model, dimensions, credentialId, credentials, canManage }: { knowledgeBaseId: string; model: string; dimensions: number; credentialId: string | null; credentials: CredentialOption[]; canManage: boolean }) {
  const id = useId();
  const router = useRouter();
  const [run, pending] = useApiAction();
  const [choice, setChoice] = useState(credentialId ?? "");
  const current = credentials.find((credential) => credential.id === credentialId);
  return (
    <section aria-label="Embeddings" className="mb-4 rounded-xl border border-slate-200 bg-white p-3 text-sm">
      <p className="text-slate-700">
        Embeddings: <code>{model}</code> ({dimensions} dimensions) through {current ? <strong>{current.name}</strong> : "a credential that no longer exists"}.
      </p>
      {!current ? (
        <p role="alert" className="mt-1 text-xs text-amber-800">
          New documents cannot be embedded and searches by meaning fail until another credential for {model} is chosen; full-text search still works.
        </p>
      ) : null}
      {canManage ? (
        <form
          className="mt-2 flex flex-wrap items-end gap-2"
          onSubmit={(event) => {
            event.preventDefault();
            run(async () => {
              await apiRequest("PATCH", `/api/v1/knowledge-bases/${knowledgeBaseId}`, { embeddingCredentialId: choice });
              router.refresh();
            }, "Embedding credential changed");
          }}
        >
          <div>
            <Label htmlFor={id}>Embedding credential</Label>
            <Select id={id} value={choice} onChange={(event) => setChoice(event.target.value)}>
              {!current ? <option value="">Choose a credential…</option> : null}
              {credentials.map((credential) => (
                <option key={credential.id} value={credential.id}>
                  {credential.name} ({credential.provider})
                </option>
              ))}
            </Select>
          </div>
          <Button type="submit" size="sm" variant="secondary" disabled={pending || !choice || choice === credentialId}>
            Use this credential
          </Button>
        </form>
      ) : null}
    </section>
  );
}
