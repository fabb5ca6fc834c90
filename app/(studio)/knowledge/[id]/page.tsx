import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { EmbeddingCredential } from "@/components/knowledge/embedding-credential";
import { KnowledgeBaseDetail } from "@/components/knowledge/knowledge-base-detail";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { requireStudioSession } from "@/lib/auth/current-user";
import { listCredentials } from "@/lib/credentials/list-credentials";
import { AppError } from "@/lib/errors/app-error";
import { getKnowledgeBase } from "@/lib/knowledge/get-knowledge-base";
import { listKnowledgeDocuments } from "@/lib/knowledge/list-knowledge-documents";

export const metadata: Metadata = { title: "Knowledge base" };

export default async function KnowledgeBasePage({ params }: { params: Promise<{ id: string }> }) {
  const { actor } = await requireStudioSession();
  const { id } = await params;
  let knowledgeBase;
  try {
    knowledgeBase = await getKnowledgeBase(actor, { knowledgeBaseId: id });
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
  const [documents, credentials] = await Promise.all([listKnowledgeDocuments(actor, { knowledgeBaseId: id }), listCredentials(actor, { pickerOnly: true })]);
  return (
    <>
      <p className="mb-2 text-sm"><Link href="/knowledge" className="text-slate-500 hover:text-slate-900">← Knowledge</Link></p>
      <PageHeader title={knowledgeBase.name} description={knowledgeBase.description || (knowledgeBase.embeddingModel ? `Hybrid search: full-text and ${knowledgeBase.embeddingModel} embeddings (${knowledgeBase.embeddingDimensions} dimensions).` : "Full-text search (no embedding model).")} />
      {knowledgeBase.embeddingModel && knowledgeBase.embeddingDimensions ? (
        <EmbeddingCredential
          knowledgeBaseId={id}
          model={knowledgeBase.embeddingModel}
          dimensions={knowledgeBase.embeddingDimensions}
          credentialId={knowledgeBase.embeddingCredentialId}
          credentials={credentials.filter((credential) => credential.provider === "openai" || credential.provider === "openai-compatible")}
          canManage={can(actor.role, "knowledge.write")}
        />
      ) : null}
      <KnowledgeBaseDetail
        knowledgeBaseId={id}
        canManage={can(actor.role, "knowledge.write")}
        initialDocuments={JSON.parse(JSON.stringify(documents))}
      />
    </>
  );
}
