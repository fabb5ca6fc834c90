import { assertCan, type Actor } from "@/lib/auth/actor";
import { getDb, type Tx } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { Prisma } from "@/lib/generated/prisma/client";
import { assertEmbeddingCredential } from "@/lib/knowledge/assert-embedding-credential";
import { getKnowledgeBase } from "@/lib/knowledge/get-knowledge-base";

/** Renames or re-describes a knowledge base, or points its embedding model at another credential. */
export async function updateKnowledgeBase(actor: Actor, { knowledgeBaseId, name, description, embeddingCredentialId }: { knowledgeBaseId: string; name?: string; description?: string; embeddingCredentialId?: string }, { tx }: { tx?: Tx } = {}) {
  assertCan(actor, "knowledge.write");
  const db = tx ?? getDb();
  if (embeddingCredentialId) {
    const current = await db.knowledgeBase.findFirst({ where: { id: knowledgeBaseId, workspaceId: actor.workspaceId }, select: { embeddingModel: true } });
    if (!current) throw new AppError("not_found", "Knowledge base not found.");
    if (!current.embeddingModel) {
      throw new AppError("bad_request", "This knowledge base has no embedding model: it searches by full text. Create a new one with embeddings.", { errors: [{ path: "body.embeddingCredentialId", message: "No embedding model to reach." }] });
    }
    await assertEmbeddingCredential(actor, { credentialId: embeddingCredentialId }, { tx: db });
  }
  try {
    const { count } = await db.knowledgeBase.updateMany({ where: { id: knowledgeBaseId, workspaceId: actor.workspaceId }, data: { name, description, embeddingCredentialId } });
    if (!count) throw new AppError("not_found", "Knowledge base not found.");
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw new AppError("conflict", `A knowledge base named "${name}" already exists.`);
    throw error;
  }
  return getKnowledgeBase(actor, { knowledgeBaseId, tx });
}
