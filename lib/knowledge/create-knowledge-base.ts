import { assertCan, type Actor } from "@/lib/auth/actor";
import { getDb, type Tx } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { Prisma } from "@/lib/generated/prisma/client";
import { assertEmbeddingCredential } from "@/lib/knowledge/assert-embedding-credential";
import { knowledgeBaseView } from "@/lib/knowledge/knowledge-base-view";
import type { CreateKnowledgeBaseInput } from "@/lib/schemas/knowledge";

/** Creates a knowledge base; its embedding credential must be an OpenAI or OpenAI-compatible one of the workspace. */
export async function createKnowledgeBase(actor: Actor, input: CreateKnowledgeBaseInput, { tx }: { tx?: Tx } = {}) {
  assertCan(actor, "knowledge.write");
  const db = tx ?? getDb();
  if (input.embeddingCredentialId) await assertEmbeddingCredential(actor, { credentialId: input.embeddingCredentialId }, { tx: db });
  try {
    const row = await db.knowledgeBase.create({
      data: {
        workspaceId: actor.workspaceId, name: input.name, description: input.description, language: input.language, chunkTokens: input.chunkTokens, chunkOverlap: input.chunkOverlap,
        embeddingCredentialId: input.embeddingCredentialId ?? null, embeddingModel: input.embeddingModel ?? null, embeddingDimensions: input.embeddingDimensions ?? null, createdById: actor.userId,
      },
      include: { _count: { select: { documents: true, chunks: true } } },
    });
    return knowledgeBaseView(row);
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw new AppError("conflict", `A knowledge base named "${input.name}" already exists.`);
    throw error;
  }
}
