import { getEnv } from "@/lib/env";
import { rateLimit } from "@/lib/kv/rate-limit";

export const SIGN_IN_LIMITS = {
  perEmail: { limit: 5, windowMs: 15 * 60 * 1000 },
  /** The per-address limit is AGENTRY_SIGN_IN_IP_LIMIT (default 30) in the same window. */
  perIp: { get limit() { return getEnv().AGENTRY_SIGN_IN_IP_LIMIT; }, windowMs: 15 * 60 * 1000 },
};

/**
 * Sign-in emails are rate limited per client IP and per address (429 with Retry-After). The IP
 * first, so a flood of made-up addresses from one client stops there without creating a counter
 * per address.
 */
export async function limitSignInRequest({ email, ip }: { email: string; ip: string }): Promise<void> {
  await rateLimit("sign-in-ip", ip, SIGN_IN_LIMITS.perIp);
  await rateLimit("sign-in-email", email.trim().toLowerCase(), SIGN_IN_LIMITS.perEmail);
}
