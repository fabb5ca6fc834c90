import { z } from "zod";

export const CREDENTIAL_PROVIDERS = ["anthropic", "openai", "openai-compatible", "http"] as const;

export const createCredentialSchema = z.object({
  name: z.string().trim().min(1, "Name the credential.").max(80),
  provider: z.enum(CREDENTIAL_PROVIDERS),
  secret: z.string().min(1, "Paste the secret.").max(10_000),
});
