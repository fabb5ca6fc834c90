import { assertCan, type Actor } from "@/lib/auth/actor";
import { getDb, type Tx } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { Prisma } from "@/lib/generated/prisma/client";
import { getKnowledgeBase } from "@/lib/knowledge/get-knowledge-base";

/** Renames or re-describes a knowledge base. */
export async function updateKnowledgeBase(actor: Actor, { knowledgeBaseId, name, description }: { knowledgeBaseId: string; name?: string; description?: string }, { tx }: { tx?: Tx } = {}) {
  assertCan(actor, "knowledge.write");
  try {
    const { count } = await (tx ?? getDb()).knowledgeBase.updateMany({ where: { id: knowledgeBaseId, workspaceId: actor.workspaceId }, data: { name, description } });
    if (!count) throw new AppError("not_found", "Knowledge base not found.");
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw new AppError("conflict", `A knowledge base named "${name}" already exists.`);
    throw error;
  }
  return getKnowledgeBase(actor, { knowledgeBaseId, tx });
}
