import { describe, expect, it } from "vitest";
import { parseTrustedProxies } from "@/lib/http/parse-trusted-proxies";
import { PEER_ADDRESS_HEADER, resolveClientAddress } from "@/lib/http/resolve-client-address";

function headers(values: Record<string, string>): Headers {
  return new Headers(values);
}

describe("resolveClientAddress", () => {
  const none = parseTrustedProxies(undefined);

  it("trusts no forwarded header by default: the peer is the client", () => {
    const spoofed = headers({ [PEER_ADDRESS_HEADER]: "203.0.113.7", "x-forwarded-for": "198.51.100.1", "x-real-ip": "198.51.100.2" });
    expect(resolveClientAddress(spoofed, none)).toBe("203.0.113.7");
  });

  it("without a known peer and no trusted proxy, every request shares one address", () => {
    expect(resolveClientAddress(headers({ "x-forwarded-for": "198.51.100.1" }), none)).toBe("unknown");
    expect(resolveClientAddress(headers({ "x-forwarded-for": "198.51.100.2" }), none)).toBe("unknown");
  });

  it("normalises IPv4-mapped IPv6 peers", () => {
    expect(resolveClientAddress(headers({ [PEER_ADDRESS_HEADER]: "::ffff:127.0.0.1" }), none)).toBe("127.0.0.1");
  });

  it("with a hop count, takes the entry the outermost trusted proxy appended", () => {
    const oneHop = parseTrustedProxies("1");
    const viaProxy = headers({ [PEER_ADDRESS_HEADER]: "10.0.0.5", "x-forwarded-for": "6.6.6.6, 203.0.113.7" });
    expect(resolveClientAddress(viaProxy, oneHop)).toBe("203.0.113.7");
    expect(resolveClientAddress(viaProxy, parseTrustedProxies("2"))).toBe("6.6.6.6");
    expect(resolveClientAddress(headers({ "x-forwarded-for": "6.6.6.6, 203.0.113.7" }), oneHop)).toBe("203.0.113.7");
    expect(resolveClientAddress(headers({ [PEER_ADDRESS_HEADER]: "10.0.0.5", "x-real-ip": "203.0.113.8" }), oneHop)).toBe("203.0.113.8");
  });

  it("with CIDRs, walks back through trusted proxies only", () => {
    const trust = parseTrustedProxies("10.0.0.0/8, ::1");
    const chain = headers({ [PEER_ADDRESS_HEADER]: "10.0.0.5", "x-forwarded-for": "6.6.6.6, 203.0.113.7, 10.1.2.3" });
    expect(resolveClientAddress(chain, trust)).toBe("203.0.113.7");
    // A peer outside the ranges cannot name anyone.
    const direct = headers({ [PEER_ADDRESS_HEADER]: "198.51.100.9", "x-forwarded-for": "6.6.6.6" });
    expect(resolveClientAddress(direct, trust)).toBe("198.51.100.9");
    expect(resolveClientAddress(headers({ [PEER_ADDRESS_HEADER]: "::1", "x-forwarded-for": "[2001:db8::1]:443" }), trust)).toBe("2001:db8::1");
  });

  it("refuses settings that are not a hop count, addresses or CIDRs", () => {
    for (const bad of ["yes", "10.0.0.0/33", "10.0.0/8", "::1/129", "*", "10.0.0.1/8/2", "10.0.0.0/x"]) {
      expect(() => parseTrustedProxies(bad), bad).toThrow(/AGENTRY_TRUSTED_PROXIES/);
    }
    expect(parseTrustedProxies(" 0 ")).toEqual({ hops: 0 });
  });
});
