import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkLlmConnection } from "@/lib/llm/check-llm-connection";
import { startFakeLlmServer } from "@/scripts/testing/fake-llm-server";

let fake: Awaited<ReturnType<typeof startFakeLlmServer>>;
// Answers /hang/* never, /status/<code>/* with that status and a body that must not be echoed.
let odd: http.Server;
let oddUrl: string;
beforeAll(async () => {
  fake = await startFakeLlmServer();
  odd = http.createServer((request, response) => {
    const status = /^\/status\/(\d+)\//.exec(request.url ?? "")?.[1];
    if (!status) return; // hang
    response.writeHead(Number(status), { "content-type": "application/json" });
    response.end(JSON.stringify({ error: { message: "INTERNAL-SECRET hunter2" } }));
  });
  await new Promise<void>((resolve) => odd.listen(0, "127.0.0.1", resolve));
  oddUrl = `http://127.0.0.1:${(odd.address() as AddressInfo).port}`;
});
afterAll(async () => {
  odd.closeAllConnections();
  await new Promise((resolve) => odd.close(resolve));
  await fake.stop();
});

describe("checkLlmConnection (credential tests) through the real SDKs", () => {
  it("lists models with a good key, on the operator's endpoints and on allowed user base URLs", async () => {
    expect(await checkLlmConnection({ provider: "openai", apiKey: "sk-openai-test" }, { openaiBaseUrl: fake.openaiBaseUrl })).toMatchObject({ ok: true, models: 2 });
    expect(await checkLlmConnection({ provider: "anthropic", apiKey: "sk-ant-test" }, { anthropicBaseUrl: fake.anthropicBaseUrl })).toMatchObject({ ok: true, models: 2 });
    expect(await checkLlmConnection({ provider: "openai-compatible", baseUrl: fake.openaiBaseUrl }, { allow: "127.0.0.1" })).toMatchObject({ ok: true });
    expect(await checkLlmConnection({ provider: "anthropic", apiKey: "sk-ant-test", baseUrl: fake.anthropicBaseUrl }, { allow: "127.0.0.1" })).toMatchObject({ ok: true });
  });

  it("says 401 means a refused key", async () => {
    const result = await checkLlmConnection({ provider: "openai", apiKey: "sk-bad" }, { openaiBaseUrl: fake.openaiBaseUrl });
    expect(result).toMatchObject({ ok: false, reason: "unauthorized", status: 401 });
    expect(result.message).toMatch(/refused the key \(401\).*check that the secret/);
  });

  it("says 404 means a wrong base URL, and never echoes a user-chosen server's answer", async () => {
    for (const status of [404, 403, 429, 500, 418]) {
      const result = await checkLlmConnection({ provider: "openai-compatible", baseUrl: `${oddUrl}/status/${status}/v1` }, { allow: "127.0.0.1" });
      expect(result).toMatchObject({ ok: false, status });
      expect(result.message).not.toContain("hunter2");
    }
    const notFound = await checkLlmConnection({ provider: "openai-compatible", baseUrl: `${oddUrl}/status/404/v1` }, { allow: "127.0.0.1" });
    expect(notFound).toMatchObject({ reason: "not_found" });
    expect(notFound.message).toMatch(/check the base URL/);
  });

  it("gives up after the timeout with a message saying so (through the outbound policy and directly)", async () => {
    const started = Date.now();
    const viaPolicy = await checkLlmConnection({ provider: "openai-compatible", baseUrl: `${oddUrl}/hang/v1` }, { allow: "127.0.0.1" }, { timeoutMs: 300 });
    expect(viaPolicy).toMatchObject({ ok: false, reason: "timeout" });
    expect(viaPolicy.message).toMatch(/No answer from .* within 300 ms/);
    const direct = await checkLlmConnection({ provider: "anthropic", apiKey: "k" }, { anthropicBaseUrl: `${oddUrl}/hang` }, { timeoutMs: 300 });
    expect(direct).toMatchObject({ ok: false, reason: "timeout" });
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it("refuses private addresses for user-chosen base URLs before sending anything", async () => {
    const before = fake.requests.length;
    const result = await checkLlmConnection({ provider: "openai-compatible", baseUrl: fake.openaiBaseUrl });
    expect(result).toMatchObject({ ok: false, reason: "blocked" });
    expect(result.message).toMatch(/AGENTRY_HTTP_ALLOW/);
    expect(fake.requests.length).toBe(before);
    expect(await checkLlmConnection({ provider: "openai-compatible" })).toMatchObject({ ok: false, reason: "invalid" });
  });
});
