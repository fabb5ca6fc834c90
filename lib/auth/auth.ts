import NextAuth, { type NextAuthConfig } from "next-auth";
import { PrismaAdapter } from "@auth/prisma-adapter";
import GitHub from "next-auth/providers/github";
import Google from "next-auth/providers/google";
import type { EmailConfig } from "next-auth/providers/email";
import { recordActivity } from "@/lib/activity/record-activity";
import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { oauthProviders } from "@/lib/auth/oauth-providers";
import { safeCallbackUrl } from "@/lib/auth/safe-callback-url";
import { magicLinkEmail } from "@/lib/mail/templates";
import { sendEmail } from "@/lib/mail/send-email";
import { ensurePersonalWorkspace } from "@/lib/workspaces/ensure-personal-workspace";

export const MAGIC_LINK_MAX_AGE_SECONDS = 24 * 60 * 60;

function emailProvider(): EmailConfig {
  return {
    id: "email",
    type: "email",
    name: "Email",
    maxAge: MAGIC_LINK_MAX_AGE_SECONDS,
    async sendVerificationRequest({ identifier, url }) {
      await sendEmail(magicLinkEmail({ to: identifier, url, host: new URL(url).host }));
    },
  };
}

/** The Auth.js configuration (built per request: the database and environment are read lazily). */
export function authConfig(): NextAuthConfig {
  const env = getEnv();
  const providers: NextAuthConfig["providers"] = [emailProvider()];
  for (const { id } of oauthProviders(env)) {
    providers.push(
      id === "github"
        ? GitHub({ clientId: env.AUTH_GITHUB_ID!, clientSecret: env.AUTH_GITHUB_SECRET! })
        : Google({ clientId: env.AUTH_GOOGLE_ID!, clientSecret: env.AUTH_GOOGLE_SECRET! }),
    );
  }
  return {
    // adapter-pg's client satisfies the adapter at runtime; its generated type differs from @prisma/client's.
    adapter: PrismaAdapter(getDb() as unknown as Parameters<typeof PrismaAdapter>[0]),
    providers,
    session: { strategy: "database" },
    trustHost: true,
    pages: { signIn: "/sign-in", verifyRequest: "/sign-in/check-email", error: "/sign-in/error" },
    callbacks: {
      // Only paths on this origin, after the same normalisation as the sign-in page.
      redirect: ({ url, baseUrl }) => `${baseUrl}${safeCallbackUrl(url, baseUrl)}`,
    },
    events: {
      async createUser({ user }) {
        if (user.id && user.email) await ensurePersonalWorkspace({ userId: user.id, email: user.email, name: user.name });
      },
      async signIn({ user, account }) {
        if (!user.id) return;
        const { activeWorkspaceId } = await getDb().user.findUniqueOrThrow({ where: { id: user.id }, select: { activeWorkspaceId: true } });
        await recordActivity({ workspaceId: activeWorkspaceId, actor: { userId: user.id }, action: "user.signed_in", data: { method: account?.provider ?? "email" } });
      },
    },
  };
}

export const { auth, signIn, signOut } = NextAuth(() => authConfig());
