import { describe, expect, it } from "vitest";
import { SIGN_IN_LIMITS } from "@/lib/auth/limit-sign-in";
import { PEER_ADDRESS_HEADER } from "@/lib/http/resolve-client-address";

function signInEmailRequest(email: string, headers: Record<string, string>): Request {
  return new Request("http://127.0.0.1:3500/api/auth/signin/email", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
    body: new URLSearchParams({ email }),
  });
}

describe("the per-IP sign-in limit", () => {
  it("is not reset by a made-up X-Forwarded-For or X-Real-IP on each request", async () => {
    const { POST } = await import("@/app/api/auth/[...nextauth]/route");
    const peer = `203.0.113.${1 + Math.floor(Math.random() * 250)}`;
    const statuses: number[] = [];
    for (let i = 0; i <= SIGN_IN_LIMITS.perIp.limit; i++) {
      const spoofed = { [PEER_ADDRESS_HEADER]: peer, "x-forwarded-for": `198.51.100.${i}, 192.0.2.${i}`, "x-real-ip": `192.0.2.${i}` };
      const response = await POST(signInEmailRequest(`spoof-${i}-${Math.random()}@example.test`, spoofed) as never);
      statuses.push(response.status);
    }
    expect(statuses.slice(0, -1).filter((status) => status === 429)).toEqual([]);
    expect(statuses.at(-1)).toBe(429);
    // Another client (another peer) still has its own budget.
    const other = await POST(signInEmailRequest(`other-${Math.random()}@example.test`, { [PEER_ADDRESS_HEADER]: "203.0.113.251" }) as never);
    expect(other.status).not.toBe(429);
  }, 60_000);
});
