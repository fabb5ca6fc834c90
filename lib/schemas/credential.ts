import { z } from "zod";
import { httpUrlSchema } from "@/lib/schemas/http-url";

export const CREDENTIAL_PROVIDERS = ["anthropic", "openai", "openai-compatible", "http"] as const;
export type CredentialProvider = (typeof CREDENTIAL_PROVIDERS)[number];

/** Providers of model credentials: agent nodes use them, and they can be tested. */
export const MODEL_PROVIDERS = ["anthropic", "openai", "openai-compatible"] as const;
export type ModelProvider = (typeof MODEL_PROVIDERS)[number];

export function isModelProvider(provider: string): provider is ModelProvider {
  return (MODEL_PROVIDERS as readonly string[]).includes(provider);
}

export const PROVIDER_LABELS: Record<CredentialProvider, string> = {
  anthropic: "Anthropic",
  openai: "OpenAI",
  "openai-compatible": "OpenAI-compatible (Ollama, vLLM …)",
  http: "HTTP token",
};

const nameSchema = z.string().trim().min(1, "Name the credential.").max(80);
const secretSchema = z.string().max(10_000);
/** Where an OpenAI-compatible server (or a proxy in front of a provider) answers, e.g. http://localhost:11434/v1. */
const baseUrlSchema = httpUrlSchema("http://localhost:11434/v1");

/** Provider rules shared by create and update: who needs a secret, who may or must have a base URL. */
function checkProviderRules(value: { provider: string; secret?: string; baseUrl?: string | null }, context: z.RefinementCtx, { creating }: { creating: boolean }) {
  if (creating && value.provider !== "openai-compatible" && !value.secret) {
    context.addIssue({ code: "custom", path: ["secret"], message: "Paste the secret." });
  }
  if (value.provider === "http" && value.baseUrl) {
    context.addIssue({ code: "custom", path: ["baseUrl"], message: "HTTP credentials have no base URL: the HTTP node says where to send them." });
  }
  if (value.provider === "openai-compatible" && creating && !value.baseUrl) {
    context.addIssue({ code: "custom", path: ["baseUrl"], message: "An OpenAI-compatible server needs its base URL, e.g. http://localhost:11434/v1 for Ollama." });
  }
}

export const createCredentialSchema = z
  .object({
    name: nameSchema,
    provider: z.enum(CREDENTIAL_PROVIDERS),
    /** Write-only. Optional for OpenAI-compatible servers that need no key. */
    secret: secretSchema.optional(),
    baseUrl: baseUrlSchema.optional(),
  })
  .superRefine((value, context) => checkProviderRules(value, context, { creating: true }));
export type CreateCredentialInput = z.infer<typeof createCredentialSchema>;

/** Rename, rotate the secret (write-only), change or clear (null) the base URL. */
export const updateCredentialSchema = z
  .object({
    name: nameSchema.optional(),
    secret: secretSchema.min(1, "Paste the new secret.").optional(),
    baseUrl: baseUrlSchema.nullable().optional(),
  })
  .refine((value) => value.name !== undefined || value.secret !== undefined || value.baseUrl !== undefined, "Send a new name, secret or baseUrl.");
export type UpdateCredentialInput = z.infer<typeof updateCredentialSchema>;
