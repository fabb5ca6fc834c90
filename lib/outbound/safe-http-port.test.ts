import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import zlib from "node:zlib";
import { createSafeHttpPort } from "@/lib/outbound/safe-http-port";
import { classifyAddress, isBlockedAddress, parseAddressPolicy } from "@/lib/outbound/address-policy";
import { createOutboundPolicy } from "@/lib/outbound/outbound-policy";

let server: http.Server;
let port: number;
let other: http.Server;
let otherPort: number;
let hits = 0;
const seen: { server: "main" | "other"; url?: string; method?: string; headers: http.IncomingHttpHeaders }[] = [];
beforeAll(async () => {
  server = http.createServer((request, response) => {
    hits++;
    seen.push({ server: "main", url: request.url, method: request.method, headers: request.headers });
    if (request.url === "/redirect") {
      response.writeHead(302, { location: "http://169.254.169.254/latest/meta-data/" });
      return response.end();
    }
    if (request.url === "/to-other") {
      response.writeHead(307, { location: `http://127.0.0.1:${otherPort}/landed` });
      return response.end();
    }
    if (request.url === "/to-self") {
      response.writeHead(302, { location: "/landed" });
      return response.end();
    }
    if (request.url === "/slow") return setTimeout(() => response.end("late"), 2000);
    if (request.url === "/big") return response.end("x".repeat(5000));
    if (request.url === "/gzip-bomb") {
      response.writeHead(200, { "content-encoding": "gzip" });
      return response.end(zlib.gzipSync(Buffer.alloc(1024 * 1024)));
    }
    response.setHeader("content-type", "application/json");
    response.end(JSON.stringify({ path: request.url, method: request.method }));
  });
  other = http.createServer((request, response) => {
    seen.push({ server: "other", url: request.url, method: request.method, headers: request.headers });
    response.end("other");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  await new Promise<void>((resolve) => other.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
  otherPort = (other.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await new Promise((resolve) => other.close(resolve));
});

const get = (url: string) => ({ method: "GET", url, headers: {}, timeoutMs: 2000 });

describe("outbound HTTP from workflow nodes (SSRF)", () => {
  it("refuses loopback, private and link-local targets — by IP, by name, and through redirects", async () => {
    const port_ = createSafeHttpPort();
    const before = hits;
    await expect(port_.request(get(`http://127.0.0.1:${port}/`))).rejects.toThrow(/blocked/);
    await expect(port_.request(get(`http://localhost:${port}/`))).rejects.toThrow(/blocked/);
    await expect(port_.request(get(`http://[::1]:${port}/`))).rejects.toThrow(/blocked/);
    await expect(port_.request(get(`http://[::ffff:127.0.0.1]:${port}/`))).rejects.toThrow(/blocked/);
    await expect(port_.request(get("http://169.254.169.254/latest/meta-data/"))).rejects.toThrow(/blocked/);
    await expect(port_.request(get("http://10.0.0.1/"))).rejects.toThrow(/blocked/);
    await expect(port_.request(get("file:///etc/passwd"))).rejects.toThrow(/Only http and https/);
    expect(hits).toBe(before); // nothing reached the local server
  });

  it("reaches an allow-listed address, and still re-checks every redirect hop", async () => {
    const allowed = createSafeHttpPort({ allow: "127.0.0.1" });
    const response = await allowed.request({ method: "POST", url: `http://127.0.0.1:${port}/echo`, headers: {}, body: "{}", timeoutMs: 2000 });
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ path: "/echo", method: "POST" });
    await expect(allowed.request(get(`http://127.0.0.1:${port}/redirect`))).rejects.toThrow(/169\.254\.169\.254 are blocked/);
  });

  it("drops credentials, cookies and custom headers on a redirect to another origin, keeps them on the same origin", async () => {
    const allowed = createSafeHttpPort({ allow: "127.0.0.1" });
    const secrets = { authorization: "Bearer s3cret", cookie: "session=abc", "x-api-key": "k3y", "proxy-authorization": "Basic x", accept: "application/json" };
    seen.length = 0;
    const response = await allowed.request({ method: "POST", url: `http://127.0.0.1:${port}/to-other`, headers: secrets, body: "{}", timeoutMs: 2000 });
    expect(response.body).toBe("other");
    const landed = seen.find((entry) => entry.server === "other")!;
    expect(landed.method).toBe("POST"); // 307 keeps the method and body
    expect(landed.headers.authorization).toBeUndefined();
    expect(landed.headers.cookie).toBeUndefined();
    expect(landed.headers["x-api-key"]).toBeUndefined();
    expect(landed.headers["proxy-authorization"]).toBeUndefined();
    expect(landed.headers.accept).toBe("application/json");

    seen.length = 0;
    await allowed.request({ method: "GET", url: `http://127.0.0.1:${port}/to-self`, headers: secrets, timeoutMs: 2000 });
    expect(seen.map((entry) => entry.url)).toEqual(["/to-self", "/landed"]);
    expect(seen[1]!.headers.authorization).toBe("Bearer s3cret");
  });

  it("sends an Idempotency-Key derived from the step key: the same for a retry, different per execution", async () => {
    seen.length = 0;
    const first = createSafeHttpPort({ allow: "127.0.0.1", idempotencyScope: "exec-1" });
    const second = createSafeHttpPort({ allow: "127.0.0.1", idempotencyScope: "exec-2" });
    const post = { method: "POST", url: `http://127.0.0.1:${port}/pay`, headers: {}, body: "{}", timeoutMs: 2000, idempotencyKey: "node:pay" };
    await first.request(post);
    await first.request(post);
    await second.request(post);
    await first.request({ ...post, headers: { "Idempotency-Key": "mine" } });
    const keys = seen.map((entry) => entry.headers["idempotency-key"]);
    expect(keys[0]).toMatch(/^[\w-]{20,}$/);
    expect(keys[1]).toBe(keys[0]);
    expect(keys[2]).not.toBe(keys[0]);
    expect(keys[3]).toBe("mine");
  });

  it("caps time and size: a deadline for the whole exchange, a size limit after decompression", async () => {
    const allowed = createSafeHttpPort({ allow: "127.0.0.1" });
    await expect(allowed.request({ ...get(`http://127.0.0.1:${port}/slow`), timeoutMs: 300 })).rejects.toMatchObject({ retryable: true, message: expect.stringMatching(/within 300 ms/) });
    const small = createOutboundPolicy({ allow: "127.0.0.1", maxResponseBytes: 1000 });
    await expect(small.request({ method: "GET", url: `http://127.0.0.1:${port}/big` })).rejects.toThrow(/larger than 1000 bytes/);
    await expect(small.request({ method: "GET", url: `http://127.0.0.1:${port}/gzip-bomb` })).rejects.toThrow(/larger than 1000 bytes/);
    expect((await small.request({ method: "GET", url: `http://127.0.0.1:${port}/ok` })).status).toBe(200);
  });

  it("refuses URLs with embedded user names and non-http schemes before any connection", () => {
    const policy = createOutboundPolicy();
    expect(() => policy.assertAllowedUrl("http://user:pass@example.com/")).toThrow(/user name or password/);
    expect(() => policy.assertAllowedUrl("gopher://example.com/")).toThrow(/Only http and https/);
    expect(() => policy.assertAllowedUrl("http://[::ffff:169.254.169.254]/")).toThrow(/blocked/);
    expect(() => policy.assertAllowedUrl("http://0x7f.1/")).toThrow(/blocked/); // WHATWG URL normalises to 127.0.0.1
    expect(policy.assertAllowedUrl("https://example.com/").host).toBe("example.com");
  });

  it("classifies every IANA special-purpose range without sending anything", () => {
    const none = parseAddressPolicy(undefined);
    const blocked = [
      "0.1.2.3", "10.0.0.1", "100.64.0.1", "127.0.0.1", "169.254.169.254", "172.16.0.1", "192.0.0.8", "192.0.2.2", "192.31.196.1",
      "192.52.193.1", "192.88.99.1", "192.168.1.1", "192.175.48.1", "198.18.0.1", "198.51.100.7", "203.0.113.9", "224.0.0.1", "240.0.0.1", "255.255.255.255",
      "::", "::1", "::127.0.0.1", "::ffff:10.0.0.1", "64:ff9b::a9fe:a9fe", "64:ff9b:1::1", "100::1", "2001::1", "2001:db8::1", "2002:7f00:1::1",
      "2620:4f:8000::1", "3fff::1", "5f00::1", "fc00::1", "fd12::1", "fe80::1", "fec0::1", "ff02::1",
    ];
    for (const address of blocked) expect([address, isBlockedAddress(address, none)]).toEqual([address, true]);
    for (const address of ["8.8.8.8", "1.1.1.1", "93.184.216.34", "2606:4700::1111", "::ffff:8.8.8.8", "64:ff9b::808:808"]) expect([address, isBlockedAddress(address, none)]).toEqual([address, false]);
    expect(classifyAddress("192.0.2.2")).toMatch(/TEST-NET-1/);
    expect(classifyAddress("169.254.169.254")).toMatch(/metadata/);
  });

  it("classifies addresses", () => {
    const policy = parseAddressPolicy("10.1.0.0/16,ollama.internal");
    expect(isBlockedAddress("8.8.8.8", policy)).toBe(false);
    expect(isBlockedAddress("172.20.1.1", policy)).toBe(true);
    expect(isBlockedAddress("10.1.2.3", policy)).toBe(false);
    expect(isBlockedAddress("10.2.0.1", policy)).toBe(true);
    expect(isBlockedAddress("fd00::1", policy)).toBe(true);
    expect(isBlockedAddress("2606:4700::1111", policy)).toBe(false);
    expect(policy.allowHosts.has("ollama.internal")).toBe(true);
  });
});
