import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getEnv, isDevOutboxVisible } from "@/lib/env";
import { listOutbox } from "@/lib/mail/list-outbox";

export const metadata: Metadata = { title: "Dev outbox" };
export const dynamic = "force-dynamic";

/** Emails captured instead of sent (no SMTP_URL). Never served in production unless AGENTRY_DEV_OUTBOX=1. */
export default async function DevOutboxPage() {
  if (!isDevOutboxVisible(getEnv())) notFound();
  const emails = await listOutbox();
  return (
    <main className="mx-auto max-w-3xl px-4 py-8">
      <h1 className="text-2xl font-semibold text-slate-900">Dev outbox</h1>
      <p className="mt-1 text-sm text-slate-600">No SMTP server is configured (SMTP_URL), so emails land here and in the server console.</p>
      {emails.length === 0 ? <p className="mt-6 text-sm text-slate-600">No emails yet.</p> : null}
      <ol className="mt-6 space-y-4" aria-label="Emails">
        {emails.map((email) => (
          <li key={email.id} className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
            <p className="text-xs text-slate-500">
              {email.createdAt.toLocaleString()} · to <span data-testid="outbox-to">{email.to}</span>
            </p>
            <h2 className="mt-1 font-medium text-slate-900">{email.subject}</h2>
            <pre className="mt-2 whitespace-pre-wrap break-all font-sans text-sm text-slate-700">
              {email.text.split(/(https?:\/\/\S+)/).map((part, index) =>
                /^https?:\/\//.test(part) ? (
                  <a key={index} href={part} className="text-brand-700 underline">
                    {part}
                  </a>
                ) : (
                  part
                ),
              )}
            </pre>
          </li>
        ))}
      </ol>
    </main>
  );
}
