import type { Email } from "@/lib/mail/send-email";

const escape = (value: string) => value.replace(/[&<>"']/g, (char) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[char]!);

/** "Something waits for you": the approval node's message and a link to the confirm page. */
export function approvalEmail(input: { to: string; url: string; workflowName: string; workspaceName: string; message: string; expiresAt: Date }): Email {
  const expires = input.expiresAt.toUTCString();
  return {
    to: input.to,
    subject: `Approval needed: ${input.workflowName}`,
    text: `A run of "${input.workflowName}" (${input.workspaceName}) waits for your decision:\n\n${input.message}\n\nReview and approve or reject:\n${input.url}\n\nThe link is for ${input.to}, works once and expires ${expires}.`,
    html: `<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#0f172a;max-width:480px;margin:24px auto"><h1 style="font-size:20px">Approval needed</h1><p>A run of <b>${escape(input.workflowName)}</b> (${escape(input.workspaceName)}) waits for your decision:</p><blockquote style="border-left:3px solid #cbd5e1;margin:0;padding-left:12px">${escape(input.message)}</blockquote><p><a href="${escape(input.url)}" style="display:inline-block;background:#4f46e5;color:#fff;padding:10px 16px;border-radius:8px;text-decoration:none">Review</a></p><p style="font-size:12px;color:#64748b">Or paste this link into your browser:<br>${escape(input.url)}</p><p>The link is for ${escape(input.to)}, works once and expires ${escape(expires)}.</p><p style="color:#64748b;font-size:12px">Sent by Agentry.</p></body></html>`,
  };
}
