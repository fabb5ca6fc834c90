import type { Metadata } from "next";
import { KnowledgeBaseList } from "@/components/knowledge/knowledge-base-list";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { requireStudioSession } from "@/lib/auth/current-user";
import { listCredentials } from "@/lib/credentials/list-credentials";
import { listKnowledgeBases } from "@/lib/knowledge/list-knowledge-bases";

export const metadata: Metadata = { title: "Knowledge" };

export default async function KnowledgePage() {
  const { actor } = await requireStudioSession();
  const [knowledgeBases, credentials] = await Promise.all([listKnowledgeBases(actor), listCredentials(actor)]);
  return (
    <>
      <PageHeader title="Knowledge" description="Documents your workflows and agents search: upload files, import web pages or paste text; a Knowledge search node (or an agent's knowledge tool) finds the passages with their sources." />
      <KnowledgeBaseList
        canManage={can(actor.role, "knowledge.write")}
        knowledgeBases={knowledgeBases.map((kb) => ({ id: kb.id, name: kb.name, description: kb.description, documentCount: kb.documentCount, chunkCount: kb.chunkCount, embeddingModel: kb.embeddingModel }))}
        embeddingCredentials={credentials.filter((credential) => credential.provider === "openai" || credential.provider === "openai-compatible").map((credential) => ({ id: credential.id, name: credential.name }))}
      />
    </>
  );
}
