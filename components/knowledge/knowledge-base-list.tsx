"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { BookOpen } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardDescription, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Input, Label, Select } from "@/components/ui/input";
import { apiRequest } from "@/lib/ui/api-request";

export type KnowledgeBaseRow = { id: string; name: string; description: string; documentCount: number; chunkCount: number; embeddingModel: string | null };

export function KnowledgeBaseList({ knowledgeBases, embeddingCredentials, canManage }: { knowledgeBases: KnowledgeBaseRow[]; embeddingCredentials: { id: string; name: string }[]; canManage: boolean }) {
  const router = useRouter();
  const [name, setName] = useState("");
  const [credentialId, setCredentialId] = useState("");
  const [model, setModel] = useState("text-embedding-3-small");
  const [dimensions, setDimensions] = useState("1536");
  const [pending, setPending] = useState(false);

  async function create(event: React.FormEvent) {
    event.preventDefault();
    setPending(true);
    try {
      const embeddings = credentialId ? { embeddingCredentialId: credentialId, embeddingModel: model, embeddingDimensions: Number(dimensions) } : {};
      const created = await apiRequest<{ id: string }>("POST", "/api/v1/knowledge-bases", { name, ...embeddings });
      toast.success("Knowledge base created.");
      router.push(`/knowledge/${created.id}`);
    } catch (error) {
      toast.error((error as Error).message);
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_22rem]">
      <div>
        {knowledgeBases.length === 0 ? (
          <EmptyState icon={BookOpen} title="No knowledge bases yet">Create one, add documents, and search them from workflows and agents.</EmptyState>
        ) : (
          <ul className="grid gap-3" data-testid="knowledge-base-list">
            {knowledgeBases.map((kb) => (
              <li key={kb.id}>
                <Link href={`/knowledge/${kb.id}`} className="block rounded-xl border border-slate-200 bg-white p-4 hover:border-brand-300">
                  <div className="flex items-center justify-between gap-2">
                    <span className="font-medium text-slate-900">{kb.name}</span>
                    <Badge tone={kb.embeddingModel ? "info" : "neutral"}>{kb.embeddingModel ? "hybrid" : "full-text"}</Badge>
                  </div>
                  {kb.description ? <p className="mt-1 text-sm text-slate-600">{kb.description}</p> : null}
                  <p className="mt-1 text-xs text-slate-500">{kb.documentCount} documents · {kb.chunkCount} passages</p>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </div>
      {canManage ? (
        <Card>
          <CardTitle>New knowledge base</CardTitle>
          <CardDescription>Embeddings are optional: without them, search uses PostgreSQL full-text.</CardDescription>
          <form onSubmit={create} className="mt-4 grid gap-3">
            <div>
              <Label htmlFor="kb-name">Name</Label>
              <Input id="kb-name" value={name} onChange={(event) => setName(event.target.value)} required maxLength={120} />
            </div>
            <div>
              <Label htmlFor="kb-credential">Embedding credential</Label>
              <Select id="kb-credential" value={credentialId} onChange={(event) => setCredentialId(event.target.value)}>
                <option value="">None (full-text only)</option>
                {embeddingCredentials.map((credential) => <option key={credential.id} value={credential.id}>{credential.name}</option>)}
              </Select>
            </div>
            {credentialId ? (
              <>
                <div>
                  <Label htmlFor="kb-model">Embedding model</Label>
                  <Input id="kb-model" value={model} onChange={(event) => setModel(event.target.value)} required />
                </div>
                <div>
                  <Label htmlFor="kb-dimensions">Dimensions</Label>
                  <Input id="kb-dimensions" type="number" min={2} max={2000} value={dimensions} onChange={(event) => setDimensions(event.target.value)} required />
                </div>
              </>
            ) : null}
            <Button type="submit" disabled={pending || !name.trim()}>Create</Button>
          </form>
        </Card>
      ) : null}
    </div>
  );
}
