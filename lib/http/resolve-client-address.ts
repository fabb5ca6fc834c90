import { type BlockList, isIP } from "node:net";
import { getEnv } from "@/lib/env";
import { parseTrustedProxies, type TrustedProxies } from "@/lib/http/parse-trusted-proxies";

/**
 * The TCP peer's address, stamped on every request by scripts/peer-address.mjs (preloaded by the
 * launcher; any value a client sends under this name is overwritten). Next.js itself does not
 * expose the socket, and the X-Forwarded-For it fills in is kept when the client sent one.
 */
export const PEER_ADDRESS_HEADER = "x-agentry-peer-address";

let trustFromEnv: TrustedProxies | undefined;

/**
 * The client's address, for per-IP limits. X-Forwarded-For / X-Real-IP are believed only as far
 * as AGENTRY_TRUSTED_PROXIES says: walking from the peer towards the client, each hop that is a
 * trusted proxy may name the next one; the first address not vouched for is the client. With
 * nothing trusted (the default) it is the peer itself. "unknown" when the peer is not known (the
 * app was started without scripts/launch.mjs) and no trusted proxy names the client — such
 * requests share one budget rather than letting a header pick a fresh one.
 */
export function resolveClientAddress(headers: Headers, trust: TrustedProxies = trustedProxiesFromEnv()): string {
  const peer = normalizeAddress(headers.get(PEER_ADDRESS_HEADER));
  const forwardedFor = (headers.get("x-forwarded-for") ?? "").split(",").map(normalizeAddress).filter((entry): entry is string => !!entry);
  const realIp = normalizeAddress(headers.get("x-real-ip"));
  // Nearest first: the peer, then what each proxy appended, right to left.
  const forwarded = forwardedFor.length > 0 ? forwardedFor.reverse() : realIp ? [realIp] : [];
  if ("hops" in trust) {
    if (trust.hops === 0) return peer ?? "unknown";
    // Without the peer, the nearest proxy's own entry is the first forwarded one.
    const chain = peer ? [peer, ...forwarded] : ["", ...forwarded];
    return chain[Math.min(trust.hops, chain.length - 1)] || "unknown";
  }
  const chain = peer ? [peer, ...forwarded] : forwarded;
  for (const [index, address] of chain.entries()) {
    if (index === chain.length - 1 || !isTrusted(address, trust)) return address;
  }
  return "unknown";
}

function trustedProxiesFromEnv(): TrustedProxies {
  trustFromEnv ??= parseTrustedProxies(getEnv().AGENTRY_TRUSTED_PROXIES);
  return trustFromEnv;
}

function isTrusted(address: string, trust: { ranges: BlockList }): boolean {
  const family = isIP(address);
  return family !== 0 && trust.ranges.check(address, family === 6 ? "ipv6" : "ipv4");
}

/** "::ffff:10.0.0.1" → "10.0.0.1", "[::1]:443" → "::1", "10.0.0.1:80" → "10.0.0.1"; bounded length. */
function normalizeAddress(value: string | null | undefined): string | null {
  let address = value?.trim().toLowerCase() ?? "";
  if (!address) return null;
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed) address = bracketed[1]!;
  else if (/^[\d.]+:\d+$/.test(address)) address = address.slice(0, address.lastIndexOf(":"));
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  if (mapped) address = mapped[1]!;
  return address.slice(0, 64);
}
