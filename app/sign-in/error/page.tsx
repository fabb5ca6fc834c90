import type { Metadata } from "next";
import Link from "next/link";
import { AuthCard } from "@/components/auth/auth-card";

export const metadata: Metadata = { title: "Sign-in problem" };

const MESSAGES: Record<string, string> = {
  Verification: "This sign-in link is invalid or has expired, or it was already used. Ask for a new one.",
  AccessDenied: "You do not have access.",
  Configuration: "Sign-in is not configured correctly on this server. Check the server logs.",
};

export default async function SignInErrorPage({ searchParams }: { searchParams: Promise<{ error?: string }> }) {
  const { error } = await searchParams;
  return (
    <AuthCard title="Could not sign you in">
      <p role="alert" className="text-sm text-slate-600">
        {MESSAGES[error ?? ""] ?? "Something went wrong while signing you in. Try again."}
      </p>
      <p className="mt-4 text-sm">
        <Link href="/sign-in" className="text-brand-700 underline">Back to sign in</Link>
      </p>
    </AuthCard>
  );
}
