import { PROVIDER_LABELS, type CredentialProvider } from "@/lib/schemas/credential";

export type CredentialChoice = { id: string; name: string; provider: string };
type NodeLike = { type?: string; data?: { config?: Record<string, unknown> } };

/**
 * What is wrong with a node's credential, in words for the canvas, or null: an agent without the
 * credential its provider needs, a credential that no longer exists (deleted, or from another
 * workspace's export), or an agent whose credential is for another provider. Runs on the client
 * (the canvas) and the server alike.
 */
export function findCredentialProblem(node: NodeLike, credentials: readonly CredentialChoice[]): string | null {
  const config = node.data?.config ?? {};
  const credentialId = typeof config.credentialId === "string" && config.credentialId ? config.credentialId : undefined;
  const isAgent = node.type === "ai.agent";
  const provider = typeof config.provider === "string" ? config.provider : undefined;
  const label = (value: string) => PROVIDER_LABELS[value as CredentialProvider] ?? value;
  if (!credentialId) {
    if (isAgent && (provider === "anthropic" || provider === "openai")) return `Needs an ${label(provider)} credential`;
    return null;
  }
  const credential = credentials.find((candidate) => candidate.id === credentialId);
  if (!credential) return "Its credential is missing (deleted?): choose another";
  if (isAgent && credential.provider === "http") return `"${credential.name}" is an HTTP token, not a model credential`;
  // OpenAI keys and OpenAI-compatible servers speak the same API: either fits either.
  const openAiFamily = (value: string) => value === "openai" || value === "openai-compatible";
  if (isAgent && provider && credential.provider !== provider && !(openAiFamily(provider) && openAiFamily(credential.provider))) {
    return `"${credential.name}" is for ${label(credential.provider)}; this agent uses ${label(provider)}`;
  }
  return null;
}
