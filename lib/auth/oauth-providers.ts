import { getEnv, type Env } from "@/lib/env";

/** The OAuth sign-in methods switched on by their env vars (the sign-in page offers these). */
export function oauthProviders(env: Env = getEnv()): { id: "github" | "google"; name: string }[] {
  return [
    ...(env.AUTH_GITHUB_ID && env.AUTH_GITHUB_SECRET ? [{ id: "github" as const, name: "GitHub" }] : []),
    ...(env.AUTH_GOOGLE_ID && env.AUTH_GOOGLE_SECRET ? [{ id: "google" as const, name: "Google" }] : []),
  ];
}
