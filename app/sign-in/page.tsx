import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { signInWithProvider } from "@/app/sign-in/actions";
import { AuthCard } from "@/components/auth/auth-card";
import { SignInForm } from "@/components/auth/sign-in-form";
import { Button } from "@/components/ui/button";
import { oauthProviders } from "@/lib/auth/oauth-providers";
import { getCurrentUser } from "@/lib/auth/current-user";
import { safeCallbackUrl } from "@/lib/auth/safe-callback-url";
import { publicOrigin } from "@/lib/http/public-origin";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; email?: string }> }) {
  const params = await searchParams;
  // A path on this origin (an absolute URL on APP_URL's origin becomes its path); else "/".
  const callbackUrl = safeCallbackUrl(params.callbackUrl, publicOrigin(await headers()));
  if (await getCurrentUser()) redirect(callbackUrl);
  const providers = oauthProviders();
  return (
    <AuthCard title="Sign in to Agentry">
      <p className="mb-4 text-sm text-slate-600">We email you a link that signs you in. No password needed.</p>
      <SignInForm callbackUrl={callbackUrl} email={params.email} />
      {providers.length > 0 ? (
        <div className="mt-6 space-y-2 border-t border-slate-100 pt-6">
          {providers.map((provider) => (
            <form key={provider.id} action={signInWithProvider}>
              <input type="hidden" name="provider" value={provider.id} />
              <input type="hidden" name="callbackUrl" value={callbackUrl} />
              <Button type="submit" variant="secondary" className="w-full">
                Continue with {provider.name}
              </Button>
            </form>
          ))}
        </div>
      ) : null}
    </AuthCard>
  );
}
