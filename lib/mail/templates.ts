import type { Role } from "@/lib/auth/roles";
import type { Email } from "@/lib/mail/send-email";

const escape = (value: string) =>
  value.replace(/[&<>"']/g, (char) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[char]!);

function layout(body: string): string {
  return `<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#0f172a;max-width:480px;margin:24px auto">${body}<p style="color:#64748b;font-size:12px">Sent by Agentry.</p></body></html>`;
}

function button(url: string, label: string): string {
  return `<p><a href="${escape(url)}" style="display:inline-block;background:#4f46e5;color:#fff;padding:10px 16px;border-radius:8px;text-decoration:none">${escape(label)}</a></p><p style="font-size:12px;color:#64748b">Or paste this link into your browser:<br>${escape(url)}</p>`;
}

export function magicLinkEmail({ to, url, host }: { to: string; url: string; host: string }): Email {
  return {
    to,
    subject: `Sign in to Agentry (${host})`,
    text: `Sign in to Agentry:\n${url}\n\nThe link works once and expires in 24 hours. If you did not ask for it, ignore this email.`,
    html: layout(`<h1 style="font-size:20px">Sign in to Agentry</h1>${button(url, "Sign in")}<p>The link works once and expires in 24 hours. If you did not ask for it, ignore this email.</p>`),
  };
}

export function invitationEmail(input: {
  to: string;
  url: string;
  workspaceName: string;
  inviterName: string;
  role: Role;
  expiresAt: Date;
}): Email {
  const expires = input.expiresAt.toUTCString();
  return {
    to: input.to,
    subject: `${input.inviterName} invited you to ${input.workspaceName} on Agentry`,
    text: `${input.inviterName} invited you to join the workspace "${input.workspaceName}" on Agentry as ${input.role}.\n\nAccept the invitation:\n${input.url}\n\nThe link is for ${input.to}, works once and expires ${expires}.`,
    html: layout(
      `<h1 style="font-size:20px">Join ${escape(input.workspaceName)}</h1><p>${escape(input.inviterName)} invited you to join <b>${escape(input.workspaceName)}</b> on Agentry as <b>${input.role}</b>.</p>${button(input.url, "Accept invitation")}<p>The link is for ${escape(input.to)}, works once and expires ${escape(expires)}.</p>`,
    ),
  };
}
