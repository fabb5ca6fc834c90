"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent } from "@/components/ui/dialog";
import { CredentialForm, TestResultNote, type CredentialTestResult, type SavedCredential } from "@/components/settings/credential-form";
import type { CredentialProvider } from "@/lib/schemas/credential";

/**
 * "Add credential…" without leaving the page (the builder's picker, templates): the form, then
 * the test's outcome. `onCreated` runs as soon as it is saved, so the caller can select it.
 */
export function AddCredentialDialog({
  open,
  onOpenChange,
  defaultProvider,
  providers,
  onCreated,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  defaultProvider?: CredentialProvider;
  providers?: readonly CredentialProvider[];
  onCreated: (credential: SavedCredential) => void;
}) {
  const [saved, setSaved] = useState<{ credential: SavedCredential; test: CredentialTestResult | null } | null>(null);
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (!next) setSaved(null);
        onOpenChange(next);
      }}
    >
      <DialogContent title="Add credential" description="Admins manage credentials for the whole workspace (Settings → Credentials).">
        {saved ? (
          <div className="grid gap-3">
            <p className="text-sm text-slate-700">
              Saved <strong>{saved.credential.name}</strong>{saved.test ? " and tested it:" : "."}
            </p>
            {saved.test ? <TestResultNote result={saved.test} /> : null}
            {saved.test && !saved.test.ok ? <p className="text-xs text-slate-500">It is selected anyway; fix it in Settings → Credentials (rotate the key or change the base URL) and test again.</p> : null}
            <div>
              <DialogClose asChild>
                <Button>Done</Button>
              </DialogClose>
            </div>
          </div>
        ) : (
          <CredentialForm
            defaultProvider={defaultProvider}
            providers={providers}
            onSaved={(credential, test) => {
              onCreated(credential);
              setSaved({ credential, test });
            }}
          />
        )}
      </DialogContent>
    </Dialog>
  );
}
