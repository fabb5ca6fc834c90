import { rateLimit } from "@/lib/kv/rate-limit";

export const SIGN_IN_LIMITS = {
  perEmail: { limit: 5, windowMs: 15 * 60 * 1000 },
  perIp: { limit: 30, windowMs: 15 * 60 * 1000 },
};

/** Sign-in emails are rate limited per address and per client IP (429 with Retry-After). */
export async function limitSignInRequest({ email, ip }: { email: string; ip: string }): Promise<void> {
  await rateLimit("sign-in-email", email.trim().toLowerCase(), SIGN_IN_LIMITS.perEmail);
  await rateLimit("sign-in-ip", ip, SIGN_IN_LIMITS.perIp);
}

/** The client address as the nearest proxy reports it (or "unknown"). */
export function clientIp(headers: Headers): string {
  return headers.get("x-forwarded-for")?.split(",")[0]?.trim() || headers.get("x-real-ip") || "unknown";
}
