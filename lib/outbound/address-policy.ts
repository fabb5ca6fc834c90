import net from "node:net";

/**
 * Address ranges no user-aimed request may reach: every entry of the IANA IPv4 and IPv6
 * Special-Purpose Address Registries (RFC 6890 and updates), multicast, and the deprecated ranges
 * still routed by some stacks. Most are private or non-routable (the server's own network, cloud
 * metadata at 169.254.169.254); the few "globally reachable" special-purpose ranges (AS112, AMT,
 * 6to4 relays) have no business being the target of a workflow either. Addresses that embed an
 * IPv4 address (IPv4-mapped ::ffff:a.b.c.d, IPv4-compatible ::a.b.c.d, NAT64 64:ff9b::a.b.c.d,
 * 6to4 2002:AABB:CCDD::) are judged by the embedded IPv4 address too.
 */
export const BLOCKED_RANGES: readonly { cidr: string; name: string }[] = [
  // IPv4 (https://www.iana.org/assignments/iana-ipv4-special-registry)
  { cidr: "0.0.0.0/8", name: "this network" },
  { cidr: "10.0.0.0/8", name: "private" },
  { cidr: "100.64.0.0/10", name: "carrier-grade NAT" },
  { cidr: "127.0.0.0/8", name: "loopback" },
  { cidr: "169.254.0.0/16", name: "link-local (cloud metadata)" },
  { cidr: "172.16.0.0/12", name: "private" },
  { cidr: "192.0.0.0/24", name: "IETF protocol assignments" },
  { cidr: "192.0.2.0/24", name: "documentation (TEST-NET-1)" },
  { cidr: "192.31.196.0/24", name: "AS112" },
  { cidr: "192.52.193.0/24", name: "AMT" },
  { cidr: "192.88.99.0/24", name: "6to4 relay anycast" },
  { cidr: "192.168.0.0/16", name: "private" },
  { cidr: "192.175.48.0/24", name: "AS112 direct delegation" },
  { cidr: "198.18.0.0/15", name: "benchmarking" },
  { cidr: "198.51.100.0/24", name: "documentation (TEST-NET-2)" },
  { cidr: "203.0.113.0/24", name: "documentation (TEST-NET-3)" },
  { cidr: "224.0.0.0/4", name: "multicast" },
  { cidr: "240.0.0.0/4", name: "reserved" },
  { cidr: "255.255.255.255/32", name: "broadcast" },
  // IPv6 (https://www.iana.org/assignments/iana-ipv6-special-registry)
  { cidr: "::/128", name: "unspecified" },
  { cidr: "::1/128", name: "loopback" },
  { cidr: "::/96", name: "IPv4-compatible (deprecated)" },
  { cidr: "64:ff9b:1::/48", name: "local-use NAT64" },
  { cidr: "100::/64", name: "discard-only" },
  { cidr: "100:0:0:1::/64", name: "dummy prefix" },
  { cidr: "2001::/23", name: "IETF protocol assignments (Teredo, ORCHID …)" },
  { cidr: "2001:db8::/32", name: "documentation" },
  { cidr: "2620:4f:8000::/48", name: "AS112" },
  { cidr: "3fff::/20", name: "documentation" },
  { cidr: "5f00::/16", name: "segment routing (SRv6)" },
  { cidr: "fc00::/7", name: "unique local (private)" },
  { cidr: "fe80::/10", name: "link-local" },
  { cidr: "fec0::/10", name: "site-local (deprecated)" },
  { cidr: "ff00::/8", name: "multicast" },
];

const blockedV4: { list: net.BlockList; name: string }[] = [];
const blockedV6: { list: net.BlockList; name: string }[] = [];
for (const { cidr, name } of BLOCKED_RANGES) {
  const [address, prefix] = cidr.split("/") as [string, string];
  const family = net.isIP(address) === 4 ? "ipv4" : "ipv6";
  const list = new net.BlockList();
  list.addSubnet(address, Number(prefix), family);
  (family === "ipv4" ? blockedV4 : blockedV6).push({ list, name });
}

export type AddressPolicy = { allowHosts: Set<string>; allowNetworks: net.BlockList };

/**
 * Parses AGENTRY_HTTP_ALLOW: comma-separated host names and CIDR ranges that outbound requests
 * may reach even though they are private, e.g. "localhost,10.1.0.0/16,ollama.internal".
 */
export function parseAddressPolicy(allow: string | undefined): AddressPolicy {
  const allowHosts = new Set<string>();
  const allowNetworks = new net.BlockList();
  for (const entry of (allow ?? "").split(",").map((part) => part.trim().toLowerCase()).filter(Boolean)) {
    const [rawAddress, prefix] = entry.split("/");
    const address = rawAddress!.replace(/^\[|\]$/g, "");
    const family = net.isIP(address);
    if (family) allowNetworks.addSubnet(address, Number(prefix ?? (family === 4 ? 32 : 128)), family === 4 ? "ipv4" : "ipv6");
    else allowHosts.add(entry);
  }
  return { allowHosts, allowNetworks };
}

/** The IPv4 address an IPv6 address carries (mapped, compatible, NAT64, 6to4), if any. */
function embeddedIpv4(address: string): string | undefined {
  const dotted = /^(?:::ffff:|::|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (dotted) return dotted;
  const groups = expandIpv6(address);
  if (!groups) return undefined;
  const v4 = (high: number, low: number) => `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`;
  const zeros = (from: number, to: number) => groups.slice(from, to).every((group) => group === 0);
  if (zeros(0, 5) && groups[5] === 0xffff) return v4(groups[6]!, groups[7]!); // ::ffff:a.b.c.d
  if (zeros(0, 6) && (groups[6]! !== 0 || groups[7]! > 1)) return v4(groups[6]!, groups[7]!); // ::a.b.c.d
  if (groups[0] === 0x64 && groups[1] === 0xff9b && zeros(2, 6)) return v4(groups[6]!, groups[7]!); // NAT64
  if (groups[0] === 0x2002) return v4(groups[1]!, groups[2]!); // 6to4
  return undefined;
}

function expandIpv6(address: string): number[] | undefined {
  if (net.isIP(address) !== 6) return undefined;
  let text = address.split("%")[0]!;
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text)?.[1];
  if (dotted) {
    const [a, b, c, d] = dotted.split(".").map(Number) as [number, number, number, number];
    text = text.slice(0, -dotted.length) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split("::") as [string, string | undefined];
  const parse = (part: string) => (part ? part.split(":").map((group) => parseInt(group, 16)) : []);
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  const fill = tail === undefined ? [] : new Array<number>(8 - left.length - right.length).fill(0);
  const groups = [...left, ...fill, ...right];
  return groups.length === 8 ? groups : undefined;
}

/**
 * Which special-purpose range an IP address falls in ("loopback", "private" …), or undefined
 * when it is an ordinary public address. Ignores the allow list.
 */
export function classifyAddress(address: string): string | undefined {
  const ip = address.replace(/^\[|\]$/g, "").split("%")[0]!;
  const family = net.isIP(ip);
  if (family === 0) return "not an IP address";
  if (family === 4) return blockedV4.find((range) => range.list.check(ip, "ipv4"))?.name;
  const v4 = embeddedIpv4(ip);
  if (v4) {
    const inner = classifyAddress(v4);
    if (inner) return inner;
  }
  return blockedV6.find((range) => range.list.check(ip, "ipv6"))?.name;
}

/** Whether an IP address is off-limits under the policy (allow-listed networks win). */
export function isBlockedAddress(address: string, policy: AddressPolicy): boolean {
  const ip = address.replace(/^\[|\]$/g, "").split("%")[0]!;
  const family = net.isIP(ip);
  if (family === 0) return true;
  if (policy.allowNetworks.check(ip, family === 4 ? "ipv4" : "ipv6")) return false;
  if (family === 6) {
    const v4 = embeddedIpv4(ip);
    if (v4 && policy.allowNetworks.check(v4, "ipv4")) return false;
  }
  return classifyAddress(ip) !== undefined;
}
