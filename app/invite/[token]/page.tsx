import type { Metadata } from "next";
import Link from "next/link";
import { signOutAction } from "@/app/sign-in/actions";
import { AuthCard } from "@/components/auth/auth-card";
import { AcceptInvitationButton } from "@/components/invitations/accept-invitation-button";
import { Button } from "@/components/ui/button";
import { getCurrentUser } from "@/lib/auth/current-user";
import { inspectInvitation } from "@/lib/invitations/inspect-invitation";

export const metadata: Metadata = { title: "Invitation" };
export const dynamic = "force-dynamic";

const ENDED: Record<string, string> = {
  not_found: "This invitation link is not valid. It may have been replaced by a newer invitation.",
  expired: "This invitation has expired. Ask the person who invited you to send a new one.",
  revoked: "This invitation was revoked.",
  accepted: "This invitation was already used.",
};

export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const [invitation, user] = await Promise.all([inspectInvitation(token), getCurrentUser()]);
  const here = `/invite/${token}`;

  if (invitation.status !== "pending") {
    return (
      <AuthCard title="Invitation unavailable">
        <p role="alert" className="text-sm text-slate-600">{ENDED[invitation.status]}</p>
        <p className="mt-4 text-sm">
          <Link href="/" className="text-brand-700 underline">Go to Agentry</Link>
        </p>
      </AuthCard>
    );
  }

  const summary = (
    <p className="text-sm text-slate-600">
      {invitation.inviterName ?? "A teammate"} invited <strong className="text-slate-900">{invitation.email}</strong> to join{" "}
      <strong className="text-slate-900">{invitation.workspaceName}</strong> as <strong className="text-slate-900">{invitation.role}</strong>.
    </p>
  );

  if (!user) {
    return (
      <AuthCard title={`Join ${invitation.workspaceName}`}>
        {summary}
        <Link
          href={`/sign-in?${new URLSearchParams({ callbackUrl: here, email: invitation.email })}`}
          className="mt-4 flex h-10 w-full items-center justify-center rounded-lg bg-brand-600 text-sm font-medium text-white hover:bg-brand-700"
        >
          Sign in to accept
        </Link>
      </AuthCard>
    );
  }

  if (user.email.toLowerCase() !== invitation.email.toLowerCase()) {
    return (
      <AuthCard title="Wrong account">
        <p role="alert" className="text-sm text-slate-600">
          This invitation is for <strong className="text-slate-900">{invitation.email}</strong>, but you are signed in as{" "}
          <strong className="text-slate-900">{user.email}</strong>. Sign out, then sign in as {invitation.email} to accept it.
        </p>
        <form action={signOutAction} className="mt-4">
          <input type="hidden" name="redirectTo" value={`/sign-in?${new URLSearchParams({ callbackUrl: here, email: invitation.email })}`} />
          <Button type="submit" variant="secondary" className="w-full">
            Sign out and switch account
          </Button>
        </form>
      </AuthCard>
    );
  }

  return (
    <AuthCard title={`Join ${invitation.workspaceName}`}>
      {summary}
      <div className="mt-4">
        <AcceptInvitationButton token={token} workspaceName={invitation.workspaceName} />
      </div>
    </AuthCard>
  );
}
