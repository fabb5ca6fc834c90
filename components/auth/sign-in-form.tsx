"use client";

import { useActionState } from "react";
import { requestSignInLink, type SignInState } from "@/app/sign-in/actions";
import { Button } from "@/components/ui/button";
import { Input, Label } from "@/components/ui/input";

export function SignInForm({ callbackUrl, email }: { callbackUrl: string; email?: string }) {
  const [state, action, pending] = useActionState<SignInState, FormData>(requestSignInLink, { email });
  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <div>
        <Label htmlFor="email">Email</Label>
        <Input id="email" name="email" type="email" autoComplete="email" required defaultValue={state.email} placeholder="you@company.com" aria-invalid={!!state.error} aria-describedby={state.error ? "email-error" : undefined} />
        {state.error ? (
          <p id="email-error" role="alert" className="mt-1.5 text-sm text-rose-600">
            {state.error}
          </p>
        ) : null}
      </div>
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Sending…" : "Email me a sign-in link"}
      </Button>
    </form>
  );
}
