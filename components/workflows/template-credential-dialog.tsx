"use client";

import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent } from "@/components/ui/dialog";
import { Input, Label, Select } from "@/components/ui/input";
import { CredentialForm, TestResultNote, type CredentialTestResult } from "@/components/settings/credential-form";
import { apiRequest } from "@/lib/ui/api-request";
import { isModelProvider, MODEL_PROVIDERS, PROVIDER_LABELS, type CredentialProvider, type ModelProvider } from "@/lib/schemas/credential";
import { applyTemplateCredential } from "@/lib/workflows/apply-template-credential";
import { templateModelProviders, type WorkflowTemplate } from "@/lib/workflows/templates";

type Credential = { id: string; name: string; provider: string };

/**
 * Creating from a template whose agents need a model credential: choose one (or add one, for
 * admins), it goes into every agent node, and the editor opens ready to run.
 */
export function TemplateCredentialDialog({
  template,
  credentials,
  canManageCredentials,
  onClose,
  onCredentialAdded,
}: {
  template: WorkflowTemplate;
  credentials: Credential[];
  canManageCredentials: boolean;
  onClose: () => void;
  onCredentialAdded: (credential: Credential) => void;
}) {
  const id = useId();
  const router = useRouter();
  const wanted = (templateModelProviders(template).find(isModelProvider) ?? "openai") as ModelProvider;
  const models = credentials.filter((credential) => isModelProvider(credential.provider));
  // The template's own provider first, then the others (agents then switch provider).
  const ordered = [...models.filter((credential) => credential.provider === wanted), ...models.filter((credential) => credential.provider !== wanted)];
  const [choice, setChoice] = useState(ordered[0]?.id ?? "");
  const [model, setModel] = useState("");
  const [adding, setAdding] = useState(ordered.length === 0 && canManageCredentials);
  const [tested, setTested] = useState<CredentialTestResult | null>(null);
  const [busy, setBusy] = useState(false);
  const chosen = models.find((credential) => credential.id === choice);
  const needsModel = chosen?.provider === "openai-compatible" && wanted !== "openai-compatible";

  const create = async (withCredential: boolean) => {
    setBusy(true);
    try {
      const graph = withCredential && chosen ? applyTemplateCredential(template.graph, { id: chosen.id, provider: chosen.provider as ModelProvider }, { model: needsModel ? model : undefined }) : template.graph;
      const created = await apiRequest<{ id: string }>("POST", "/api/v1/workflows", { name: template.name, description: template.description, graph });
      toast.success(`"${template.name}" created from the template`);
      router.push(`/workflows/${created.id}`);
    } catch (error) {
      toast.error(error instanceof Error ? error.message : "The workflow could not be created.");
      setBusy(false);
    }
  };

  return (
    <Dialog open onOpenChange={(open) => !open && onClose()}>
      <DialogContent title={`Create "${template.name}"`} description={`Its agents use ${PROVIDER_LABELS[wanted]}. Choose the credential they call the model with.`}>
        <div className="grid gap-4">
          {ordered.length ? (
            <div>
              <Label htmlFor={`${id}-credential`}>Model credential</Label>
              <Select id={`${id}-credential`} value={choice} onChange={(event) => setChoice(event.target.value)}>
                {ordered.map((credential) => (
                  <option key={credential.id} value={credential.id}>
                    {credential.name} ({PROVIDER_LABELS[credential.provider as CredentialProvider] ?? credential.provider})
                  </option>
                ))}
              </Select>
              {chosen && chosen.provider !== wanted && !needsModel ? <p className="mt-1 text-xs text-slate-500">The agents will use {PROVIDER_LABELS[chosen.provider as CredentialProvider]} with its default model; change it in the editor.</p> : null}
            </div>
          ) : !canManageCredentials ? (
            <p className="rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900" role="note">
              This workspace has no model credential yet, and only admins can add one (Settings → Credentials). You can create the workflow now and choose the credential in the editor later.
            </p>
          ) : null}
          {needsModel ? (
            <div>
              <Label htmlFor={`${id}-model`}>Model on that server</Label>
              <Input id={`${id}-model`} required value={model} onChange={(event) => setModel(event.target.value)} placeholder="llama3.2" />
            </div>
          ) : null}
          {tested ? <TestResultNote result={tested} /> : null}
          {canManageCredentials ? (
            adding ? (
              <div className="rounded-lg border border-slate-200 p-3">
                <p className="mb-2 text-sm font-medium text-slate-900">Add a model credential</p>
                <CredentialForm
                  defaultProvider={wanted}
                  providers={MODEL_PROVIDERS}
                  onSaved={(credential, test) => {
                    onCredentialAdded(credential);
                    setChoice(credential.id);
                    setTested(test);
                    setAdding(false);
                  }}
                />
              </div>
            ) : (
              <div>
                <Button variant="secondary" size="sm" onClick={() => { setAdding(true); setTested(null); }}>
                  Add credential…
                </Button>
              </div>
            )
          ) : null}
          <div className="flex flex-wrap justify-end gap-2 border-t border-slate-100 pt-3">
            <Button variant="ghost" disabled={busy} onClick={() => void create(false)}>
              Create without a credential
            </Button>
            <Button disabled={busy || !chosen || (needsModel && !model.trim())} onClick={() => void create(true)}>
              Create and open
            </Button>
          </div>
        </div>
      </DialogContent>
    </Dialog>
  );
}
