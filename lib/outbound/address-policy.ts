import net from "node:net";

// Private, loopback, link-local (cloud metadata at 169.254.169.254), carrier-grade NAT,
// multicast and reserved ranges: an HTTP node must not reach into the server's own network.
const BLOCKED_V4 = [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const;
const BLOCKED_V6 = [
  ["::", 128],
  ["::1", 128],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
] as const;

const blocked = new net.BlockList();
for (const [address, prefix] of BLOCKED_V4) blocked.addSubnet(address, prefix, "ipv4");
for (const [address, prefix] of BLOCKED_V6) blocked.addSubnet(address, prefix, "ipv6");

export type AddressPolicy = { allowHosts: Set<string>; allowNetworks: net.BlockList };

/**
 * Parses AGENTRY_HTTP_ALLOW: comma-separated host names and CIDR ranges that HTTP nodes may
 * reach even though they are private, e.g. "localhost,10.1.0.0/16,ollama.internal".
 */
export function parseAddressPolicy(allow: string | undefined): AddressPolicy {
  const allowHosts = new Set<string>();
  const allowNetworks = new net.BlockList();
  for (const entry of (allow ?? "").split(",").map((part) => part.trim().toLowerCase()).filter(Boolean)) {
    const [address, prefix] = entry.split("/");
    const family = net.isIP(address!);
    if (family) allowNetworks.addSubnet(address!, Number(prefix ?? (family === 4 ? 32 : 128)), family === 4 ? "ipv4" : "ipv6");
    else allowHosts.add(entry);
  }
  return { allowHosts, allowNetworks };
}

/** Whether an IP address is off-limits under the policy (IPv4-mapped IPv6 is checked as IPv4). */
export function isBlockedAddress(address: string, policy: AddressPolicy): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  const ip = mapped ?? address;
  const family = net.isIP(ip) === 6 ? "ipv6" : "ipv4";
  if (policy.allowNetworks.check(ip, family)) return false;
  return blocked.check(ip, family);
}
