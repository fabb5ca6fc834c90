import { BlockList, isIP } from "node:net";

/** Which proxies in front of the app may name the client: none, the nearest `hops`, or these ranges. */
export type TrustedProxies = { hops: number } | { ranges: BlockList };

/**
 * Parses AGENTRY_TRUSTED_PROXIES: unset, "" or "0" → trust none; a number → that many proxy hops;
 * otherwise comma-separated addresses and CIDRs ("10.0.0.0/8, ::1"). Throws on anything else, so
 * a typo cannot silently trust the world.
 */
export function parseTrustedProxies(value: string | undefined): TrustedProxies {
  const trimmed = value?.trim() ?? "";
  if (trimmed === "") return { hops: 0 };
  if (/^\d+$/.test(trimmed)) return { hops: Number(trimmed) };
  const ranges = new BlockList();
  for (const entry of trimmed.split(",").map((part) => part.trim()).filter(Boolean)) {
    const [address, prefix, ...rest] = entry.split("/");
    const family = isIP(address ?? "");
    const bits = prefix === undefined ? (family === 6 ? 128 : 32) : Number(prefix);
    if (!family || rest.length > 0 || !Number.isInteger(bits) || bits < 0 || bits > (family === 6 ? 128 : 32) || (prefix !== undefined && !/^\d+$/.test(prefix))) {
      throw new Error(`AGENTRY_TRUSTED_PROXIES: "${entry}" is not an IP address or CIDR range.`);
    }
    ranges.addSubnet(address!, bits, family === 6 ? "ipv6" : "ipv4");
  }
  return { ranges };
}
