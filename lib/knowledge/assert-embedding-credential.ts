import type { Actor } from "@/lib/auth/actor";
import { getDb, type Tx } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";

/** A knowledge base embeds with an OpenAI or OpenAI-compatible credential of its own workspace; anything else is a 400 on `body.embeddingCredentialId`. */
export async function assertEmbeddingCredential(actor: Actor, { credentialId }: { credentialId: string }, { tx }: { tx?: Tx } = {}): Promise<void> {
  const credential = await (tx ?? getDb()).credential.findFirst({ where: { id: credentialId, workspaceId: actor.workspaceId }, select: { provider: true } });
  if (!credential) throw new AppError("bad_request", "The embedding credential does not exist in this workspace.", { errors: [{ path: "body.embeddingCredentialId", message: "No such credential in this workspace." }] });
  if (credential.provider !== "openai" && credential.provider !== "openai-compatible") {
    throw new AppError("bad_request", "Embeddings need an OpenAI or OpenAI-compatible credential.", { errors: [{ path: "body.embeddingCredentialId", message: `A ${credential.provider} credential cannot make embeddings.` }] });
  }
}
