import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSafeHttpPort } from "@/lib/outbound/safe-http-port";
import { isBlockedAddress, parseAddressPolicy } from "@/lib/outbound/address-policy";

let server: http.Server;
let port: number;
let hits = 0;
beforeAll(async () => {
  server = http.createServer((request, response) => {
    hits++;
    if (request.url === "/redirect") {
      response.writeHead(302, { location: "http://169.254.169.254/latest/meta-data/" });
      return response.end();
    }
    response.setHeader("content-type", "application/json");
    response.end(JSON.stringify({ path: request.url, method: request.method }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

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
