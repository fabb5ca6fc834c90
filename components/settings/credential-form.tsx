"use client";

import { useId, useState } from "react";
import { CheckCircle2, XCircle } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Input, Label, Select } from "@/components/ui/input";
import { apiRequest } from "@/lib/ui/api-request";
import { cn } from "@/lib/ui/cn";
import { CREDENTIAL_PROVIDERS, isModelProvider, PROVIDER_LABELS, type CredentialProvider } from "@/lib/schemas/credential";

export type SavedCredential = { id: string; name: string; provider: string };
export type CredentialTestResult = { ok: boolean; message: string };

const BASE_URL_PLACEHOLDER: Record<string, string> = {
  "openai-compatible": "http://localhost:11434/v1",
  openai: "https://api.openai.com/v1 (leave empty)",
  anthropic: "https://api.anthropic.com (leave empty)",
};

/** Runs the provider test of a saved model credential; a failed request reads as a failed test. */
export async function testCredentialRequest(id: string): Promise<CredentialTestResult> {
  try {
    return await apiRequest<CredentialTestResult>("POST", `/api/v1/credentials/${id}/test`);
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : "The test could not run." };
  }
}

/** The outcome of a credential test, announced to screen readers. */
export function TestResultNote({ result, className }: { result: CredentialTestResult; className?: string }) {
  const Icon = result.ok ? CheckCircle2 : XCircle;
  return (
    <p role="status" className={cn("flex items-start gap-1.5 text-sm", result.ok ? "text-emerald-700" : "text-rose-700", className)} data-ok={result.ok}>
      <Icon aria-hidden className="mt-0.5 size-4 shrink-0" />
      <span>{result.message}</span>
    </p>
  );
}

/**
 * Add a credential: provider, name, secret (write-only: typed once, never shown again), optional
 * base URL. Model credentials are tested right after saving; `onSaved` gets the result.
 */
export function CredentialForm({
  defaultProvider = "openai",
  providers = CREDENTIAL_PROVIDERS,
  onSaved,
}: {
  defaultProvider?: CredentialProvider;
  providers?: readonly CredentialProvider[];
  onSaved: (credential: SavedCredential, test: CredentialTestResult | null) => void;
}) {
  const id = useId();
  const [provider, setProvider] = useState<CredentialProvider>(defaultProvider);
  const [name, setName] = useState(PROVIDER_LABELS[defaultProvider].replace(/ \(.*\)$/, ""));
  const [nameTouched, setNameTouched] = useState(false);
  const [secret, setSecret] = useState("");
  const [baseUrl, setBaseUrl] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<null | "saving" | "testing">(null);
  const model = isModelProvider(provider);
  const secretOptional = provider === "openai-compatible";

  return (
    <form
      className="grid gap-3"
      onSubmit={async (event) => {
        event.preventDefault();
        setError(null);
        setBusy("saving");
        try {
          const created = await apiRequest<SavedCredential>("POST", "/api/v1/credentials", { name, provider, ...(secret ? { secret } : {}), ...(model && baseUrl.trim() ? { baseUrl: baseUrl.trim() } : {}) });
          setSecret("");
          setBusy(model ? "testing" : null);
          const test = model ? await testCredentialRequest(created.id) : null;
          onSaved(created, test);
        } catch (caught) {
          setError(caught instanceof Error ? caught.message : "Saving failed.");
        } finally {
          setBusy(null);
        }
      }}
    >
      <div className="grid gap-3 sm:grid-cols-2">
        <div>
          <Label htmlFor={`${id}-provider`}>Provider</Label>
          <Select
            id={`${id}-provider`}
            value={provider}
            onChange={(event) => {
              const next = event.target.value as CredentialProvider;
              setProvider(next);
              if (!nameTouched) setName(PROVIDER_LABELS[next].replace(/ \(.*\)$/, ""));
            }}
          >
            {providers.map((option) => (
              <option key={option} value={option}>
                {PROVIDER_LABELS[option]}
              </option>
            ))}
          </Select>
        </div>
        <div>
          <Label htmlFor={`${id}-name`}>Name</Label>
          <Input id={`${id}-name`} required maxLength={80} value={name} onChange={(event) => { setName(event.target.value); setNameTouched(true); }} />
        </div>
      </div>
      <div>
        <Label htmlFor={`${id}-secret`}>{provider === "http" ? "Token" : "API key"}{secretOptional ? " (optional)" : ""}</Label>
        <Input
          id={`${id}-secret`}
          type="password"
          autoComplete="off"
          spellCheck={false}
          required={!secretOptional}
          value={secret}
          onChange={(event) => setSecret(event.target.value)}
          placeholder={provider === "openai" ? "sk-…" : provider === "anthropic" ? "sk-ant-…" : secretOptional ? "Leave empty if the server needs no key" : ""}
        />
        <p className="mt-1 text-xs text-slate-500">Stored encrypted. It is never shown again — not even to admins; rotate it to change it.</p>
      </div>
      {model ? (
        <div>
          <Label htmlFor={`${id}-base-url`}>Base URL{provider === "openai-compatible" ? "" : " (optional)"}</Label>
          <Input id={`${id}-base-url`} type="url" required={provider === "openai-compatible"} value={baseUrl} onChange={(event) => setBaseUrl(event.target.value)} placeholder={BASE_URL_PLACEHOLDER[provider]} />
          <p className="mt-1 text-xs text-slate-500">
            {provider === "openai-compatible" ? "Where the server answers (Ollama, vLLM, LM Studio …). Private addresses must be allowed by the operator (AGENTRY_HTTP_ALLOW)." : "Only for a proxy or gateway in front of the provider."}
          </p>
        </div>
      ) : null}
      {error ? (
        <p role="alert" className="text-sm text-rose-700">
          {error}
        </p>
      ) : null}
      <div>
        <Button type="submit" disabled={busy !== null || !name.trim() || (!secretOptional && !secret)}>
          {busy === "saving" ? "Saving…" : busy === "testing" ? "Testing…" : model ? "Save and test" : "Save"}
        </Button>
      </div>
    </form>
  );
}
