"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { signIn, signOut } from "@/lib/auth/auth";
import { limitSignInRequest } from "@/lib/auth/limit-sign-in";
import { safeCallbackUrl } from "@/lib/auth/safe-callback-url";
import { AppError } from "@/lib/errors/app-error";
import { publicOrigin } from "@/lib/http/public-origin";
import { resolveClientAddress } from "@/lib/http/resolve-client-address";
import { EmailSchema } from "@/lib/schemas/workspace";

export type SignInState = { error?: string; email?: string };

const signInSchema = z.object({ email: EmailSchema, callbackUrl: z.string().optional() });

/** Emails a magic link (rate limited per address and IP), then shows "check your email". */
export async function requestSignInLink(_state: SignInState, formData: FormData): Promise<SignInState> {
  const parsed = signInSchema.safeParse({ email: formData.get("email"), callbackUrl: formData.get("callbackUrl") ?? undefined });
  const typed = String(formData.get("email") ?? "");
  if (!parsed.success) return { error: "Enter a valid email address.", email: typed };
  const { email } = parsed.data;
  const requestHeaders = await headers();
  try {
    await limitSignInRequest({ email, ip: resolveClientAddress(requestHeaders) });
    await signIn("email", { email, redirectTo: safeCallbackUrl(parsed.data.callbackUrl, publicOrigin(requestHeaders)), redirect: false });
  } catch (error) {
    if (error instanceof AppError) return { error: error.message, email: typed };
    console.error("[agentry] sign-in email failed", error);
    return { error: "The sign-in email could not be sent. Try again in a moment.", email: typed };
  }
  redirect(`/sign-in/check-email?email=${encodeURIComponent(email)}`);
}

export async function signInWithProvider(formData: FormData) {
  const provider = formData.get("provider");
  if (provider !== "github" && provider !== "google") return;
  await signIn(provider, { redirectTo: safeCallbackUrl(formData.get("callbackUrl"), publicOrigin(await headers())) });
}

export async function signOutAction(formData: FormData) {
  await signOut({ redirectTo: safeCallbackUrl(formData.get("redirectTo") ?? "/sign-in", publicOrigin(await headers())) });
}
