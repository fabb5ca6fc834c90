import type { Metadata } from "next";
import Link from "next/link";
import { AuthCard } from "@/components/auth/auth-card";
import { getEnv, isDevOutboxVisible } from "@/lib/env";

export const metadata: Metadata = { title: "Check your email" };
export const dynamic = "force-dynamic";

export default async function CheckEmailPage({ searchParams }: { searchParams: Promise<{ email?: string }> }) {
  const { email } = await searchParams;
  return (
    <AuthCard title="Check your email">
      <p className="text-sm text-slate-600">
        We sent a sign-in link{email ? (
          <>
            {" "}to <strong className="text-slate-900">{email}</strong>
          </>
        ) : null}
        . It works once and expires in 24 hours.
      </p>
      {isDevOutboxVisible(getEnv()) ? (
        <p className="mt-4 rounded-lg bg-brand-50 p-3 text-sm text-brand-700">
          No mail server is configured: the email is in the <Link className="font-medium underline" href="/dev/outbox">dev outbox</Link> and the server console.
        </p>
      ) : null}
      <p className="mt-4 text-sm">
        <Link href="/sign-in" className="text-brand-700 underline">Use another email</Link>
      </p>
    </AuthCard>
  );
}
