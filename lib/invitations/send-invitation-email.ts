import { getDb } from "@/lib/db";
import { invitationEmail } from "@/lib/mail/templates";
import { sendEmail } from "@/lib/mail/send-email";

/** Emails the invitation link; the plain token exists only here and in the email. */
export async function sendInvitationEmail({ invitationId, token, baseUrl }: { invitationId: string; token: string; baseUrl: string }) {
  const invitation = await getDb().invitation.findUniqueOrThrow({
    where: { id: invitationId },
    select: { email: true, role: true, expiresAt: true, workspace: { select: { name: true } }, invitedBy: { select: { name: true, email: true } } },
  });
  await sendEmail(
    invitationEmail({
      to: invitation.email,
      url: new URL(`/invite/${token}`, baseUrl).toString(),
      workspaceName: invitation.workspace.name,
      inviterName: invitation.invitedBy?.name || invitation.invitedBy?.email || "A teammate",
      role: invitation.role,
      expiresAt: invitation.expiresAt,
    }),
  );
}
