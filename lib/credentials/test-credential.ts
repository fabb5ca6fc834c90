import { assertCan, type Actor } from "@/lib/auth/actor";
import { openSecret } from "@/lib/credentials/secret-box";
import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors/app-error";
import { rateLimit } from "@/lib/kv/rate-limit";
import { checkLlmConnection, type LlmConnectionResult } from "@/lib/llm/check-llm-connection";
import { isModelProvider } from "@/lib/schemas/credential";

/** Tests call out on demand: a workspace gets 30 a minute. */
export const CREDENTIAL_TEST_LIMIT = { limit: 30, windowMs: 60_000 };

/**
 * Tests a model credential with one cheap call to its provider (listing models) through the
 * same adapters and outbound policy as runs. The result, good or bad, is the answer — a refused
 * key is a successful test; only an unknown credential or an HTTP token (nothing to call) fails.
 */
export async function testCredential(actor: Actor, { credentialId }: { credentialId: string }, { timeoutMs }: { timeoutMs?: number } = {}): Promise<LlmConnectionResult & { testedAt: Date }> {
  assertCan(actor, "credentials.manage");
  const credential = await getDb().credential.findFirst({ where: { id: credentialId, workspaceId: actor.workspaceId }, select: { id: true, provider: true, secret: true, baseUrl: true } });
  if (!credential) throw new AppError("not_found", "Credential not found.");
  if (!isModelProvider(credential.provider)) {
    throw new AppError("conflict", "Only model credentials (Anthropic, OpenAI, OpenAI-compatible) can be tested: an HTTP token is sent by HTTP nodes to the URL they name.");
  }
  await rateLimit("credential-test", actor.workspaceId, CREDENTIAL_TEST_LIMIT);
  const env = getEnv();
  const result = await checkLlmConnection(
    { provider: credential.provider, apiKey: openSecret(credential.secret, credential.id) || undefined, baseUrl: credential.baseUrl ?? undefined },
    { anthropicBaseUrl: env.ANTHROPIC_BASE_URL, openaiBaseUrl: env.OPENAI_BASE_URL, allow: env.AGENTRY_HTTP_ALLOW },
    { timeoutMs },
  );
  return { ...result, testedAt: new Date() };
}
