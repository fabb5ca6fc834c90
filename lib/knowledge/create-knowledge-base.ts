import { assertCan, type Actor } from "@/lib/auth/actor";
import { getDb, type Tx } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { Prisma } from "@/lib/generated/prisma/client";
import { knowledgeBaseView } from "@/lib/knowledge/knowledge-base-view";
import type { CreateKnowledgeBaseInput } from "@/lib/schemas/knowledge";

/** Creates a knowledge base; its embedding credential must be an OpenAI or OpenAI-compatible one of the workspace. */
export async function createKnowledgeBase(actor: Actor, input: CreateKnowledgeBaseInput, { tx }: { tx?: Tx } = {}) {
  assertCan(actor, "knowledge.write");
  const db = tx ?? getDb();
  if (input.embeddingCredentialId) {
    const credential = await db.credential.findFirst({ where: { id: input.embeddingCredentialId, workspaceId: actor.workspaceId }, select: { provider: true } });
    if (!credential) throw new AppError("bad_request", "The embedding credential does not exist in this workspace.", { errors: [{ path: "body.embeddingCredentialId", message: "No such credential in this workspace." }] });
    if (credential.provider !== "openai" && credential.provider !== "openai-compatible") {
      throw new AppError("bad_request", "Embeddings need an OpenAI or OpenAI-compatible credential.", { errors: [{ path: "body.embeddingCredentialId", message: `A ${credential.provider} credential cannot make embeddings.` }] });
    }
  }
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
