import OpenAI from "openai";
import { revealCredential } from "@/lib/credentials/reveal-credential";
import { getDb } from "@/lib/db";
import { NodeExecutionError } from "@/lib/engine/types";
import { getEnv } from "@/lib/env";
import { resolveTarget, toNodeError } from "@/lib/llm/create-llm-port";
import { createOpenAiClient } from "@/lib/llm/create-sdk-client";

export type Embedder = {
  model: string;
  dimensions: number;
  /** One vector per text, in order; throws NodeExecutionError (retryable for rate limits and outages). */
  embed(texts: string[], signal?: AbortSignal): Promise<number[][]>;
};

type EmbeddingSettings = { embeddingCredentialId: string | null; embeddingModel: string | null; embeddingDimensions: number | null };

/**
 * The knowledge base's embedding model through the openai SDK: OpenAI itself (OPENAI_BASE_URL,
 * trusted) or an OpenAI-compatible server (Ollama, vLLM …) at the credential's base URL, reached
 * only through the outbound policy (lib/llm resolveTarget). Null when the knowledge base has no
 * embeddings configured.
 */
export async function resolveEmbedder({ workspaceId, knowledgeBase, onSecret }: { workspaceId: string; knowledgeBase: EmbeddingSettings; onSecret?: (secret: string) => void }): Promise<Embedder | null> {
  const { embeddingCredentialId: credentialId, embeddingModel: model, embeddingDimensions: dimensions } = knowledgeBase;
  if (!credentialId || !model || !dimensions) return null;
  const credential = await getDb().credential.findFirst({ where: { id: credentialId, workspaceId }, select: { provider: true } });
  if (!credential) throw new NodeExecutionError("The knowledge base's embedding credential no longer exists in this workspace; choose another one for the same model on the knowledge base's page.");
  if (credential.provider !== "openai" && credential.provider !== "openai-compatible") {
    throw new NodeExecutionError(`Embeddings need an OpenAI or OpenAI-compatible credential, not ${credential.provider}.`);
  }
  const { secret, baseUrl } = await revealCredential({ workspaceId, credentialId });
  if (secret) onSecret?.(secret);
  const env = getEnv();
  const provider = credential.provider;
  const target = resolveTarget({ provider, baseUrl: baseUrl ?? undefined }, { openaiBaseUrl: env.OPENAI_BASE_URL, allow: env.AGENTRY_HTTP_ALLOW });
  const client = createOpenAiClient(secret, target);
  return {
    model,
    dimensions,
    async embed(texts, signal) {
      let response: OpenAI.CreateEmbeddingResponse;
      try {
        // OpenAI's text-embedding-3 models shorten to the asked size; other servers get no such parameter.
        response = await client.embeddings.create({ model, input: texts, encoding_format: "float", ...(provider === "openai" ? { dimensions } : {}) }, { signal });
      } catch (error) {
        throw toNodeError(error, target);
      }
      const vectors = [...response.data].sort((a, b) => a.index - b.index).map((item) => item.embedding as number[]);
      if (vectors.length !== texts.length) throw new NodeExecutionError(`The embedding server answered ${vectors.length} vectors for ${texts.length} texts.`);
      const wrong = vectors.find((vector) => vector.length !== dimensions);
      if (wrong) throw new NodeExecutionError(`The model ${model} returned vectors of ${wrong.length} dimensions; this knowledge base expects ${dimensions}. Create a knowledge base with ${wrong.length} dimensions.`);
      return vectors;
    },
  };
}
