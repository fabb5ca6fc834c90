import nodemailer, { type Transporter } from "nodemailer";
import { getDb } from "@/lib/db";
import { getEnv, selectDrivers } from "@/lib/env";
import { AppError } from "@/lib/errors/app-error";

export type Email = { to: string; subject: string; text: string; html?: string };

const holder = globalThis as unknown as { agentrySmtp?: { url: string; transport: Transporter } };

function smtpTransport(url: string): Transporter {
  if (holder.agentrySmtp?.url !== url) holder.agentrySmtp = { url, transport: nodemailer.createTransport(url) };
  return holder.agentrySmtp.transport;
}

/**
 * Sends over SMTP when SMTP_URL is set; otherwise stores the email in the dev outbox
 * (/dev/outbox) and prints it to the console, so sign-in works with no mail server.
 */
export async function sendEmail(email: Email): Promise<void> {
  const env = getEnv();
  if (selectDrivers(env).mail === "smtp") {
    try {
      await smtpTransport(env.SMTP_URL!).sendMail({ from: env.EMAIL_FROM, ...email });
    } catch (error) {
      console.error("[agentry] sending email failed", error);
      throw new AppError("unavailable", "The email could not be sent: the mail server did not accept it.", { cause: error });
    }
    return;
  }
  await getDb().outboxEmail.create({ data: email });
  if (env.NODE_ENV !== "test") console.log(`[agentry] dev outbox — to: ${email.to}\n  subject: ${email.subject}\n${email.text.replace(/^/gm, "  | ")}`);
}
