import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InMemoryStepRunner, RecordingSink } from "@/lib/engine/in-memory-step-runner";
import { runWorkflow } from "@/lib/engine/run-workflow";
import { createLlmPort } from "@/lib/llm/create-llm-port";
import { startFakeLlmServer } from "@/scripts/testing/fake-llm-server";

let fake: Awaited<ReturnType<typeof startFakeLlmServer>>;
// An "internal" server a user might aim a model base URL at: it answers errors with secrets and
// redirects elsewhere.
let internal: http.Server;
let internalUrl: string;
let internalHits = 0;
beforeAll(async () => {
  fake = await startFakeLlmServer({ reply: (prompt) => `Summary of ${prompt} in three words` });
  internal = http.createServer((request, response) => {
    internalHits++;
    if (request.url?.startsWith("/redirect/")) {
      response.writeHead(307, { location: `${fake.openaiBaseUrl}/chat/completions` });
      return response.end();
    }
    const status = request.url?.startsWith("/fail500/") ? 500 : 404;
    response.writeHead(status, { "content-type": "application/json" });
    response.end(JSON.stringify({ error: { message: "INTERNAL-SECRET db password hunter2" } }));
  });
  await new Promise<void>((resolve) => internal.listen(0, "127.0.0.1", resolve));
  internalUrl = `http://localhost:${(internal.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await fake.stop();
  await new Promise((resolve) => internal.close(resolve));
});

describe("LLM adapters through the real SDKs (local fake server, streaming)", () => {
  it("streams an Anthropic Messages answer and reports usage", async () => {
    const llm = createLlmPort({ anthropicBaseUrl: fake.anthropicBaseUrl });
    const deltas: string[] = [];
    const result = await llm.complete({ provider: "anthropic", model: "claude-sonnet-4-20250514", system: "Be brief.", prompt: "the report", maxTokens: 100, temperature: 0.2, apiKey: "sk-ant-test" }, (delta) => deltas.push(delta));
    expect(result.text).toBe("Summary of the report in three words");
    expect(deltas.length).toBeGreaterThan(3);
    expect(deltas.join("")).toBe(result.text);
    expect(result.usage.outputTokens).toBe(deltas.length);
    const sent = fake.requests.at(-1)!;
    expect(sent.body).toMatchObject({ model: "claude-sonnet-4-20250514", system: "Be brief.", stream: true, max_tokens: 100 });
  });

  it("streams an OpenAI Chat Completions answer with usage", async () => {
    const llm = createLlmPort({ openaiBaseUrl: fake.openaiBaseUrl });
    const deltas: string[] = [];
    const result = await llm.complete({ provider: "openai", model: "gpt-4o-mini", prompt: "the notes", maxTokens: 50, apiKey: "sk-openai-test" }, (delta) => deltas.push(delta));
    expect(result.text).toBe("Summary of the notes in three words");
    expect(deltas.join("")).toBe(result.text);
    expect(result.usage).toEqual({ inputTokens: 5, outputTokens: 7 });
  });

  it("talks to an OpenAI-compatible local server at the node's base URL without a key (when AGENTRY_HTTP_ALLOW lists it)", async () => {
    const llm = createLlmPort({ allow: "127.0.0.1" });
    const result = await llm.complete({ provider: "openai-compatible", model: "llama3.2", prompt: "hi", maxTokens: 20, baseUrl: fake.openaiBaseUrl }, () => {});
    expect(result.text).toBe("Summary of hi in three words");
    // The Anthropic SDK streams through the policy's fetch as well.
    const deltas: string[] = [];
    const anthropic = await llm.complete({ provider: "anthropic", model: "claude-sonnet-4", prompt: "ho", maxTokens: 20, apiKey: "sk-ant-test", baseUrl: fake.anthropicBaseUrl }, (delta) => deltas.push(delta));
    expect(anthropic.text).toBe("Summary of ho in three words");
    expect(deltas.length).toBeGreaterThan(3);
  });

  it("refuses a user-chosen base URL on loopback (SSRF) for every provider, before anything is sent", async () => {
    const before = fake.requests.length;
    const llm = createLlmPort({ anthropicBaseUrl: fake.anthropicBaseUrl, openaiBaseUrl: fake.openaiBaseUrl });
    for (const request of [
      { provider: "openai-compatible" as const, baseUrl: fake.openaiBaseUrl },
      { provider: "openai" as const, baseUrl: fake.openaiBaseUrl, apiKey: "sk-openai-test" },
      { provider: "anthropic" as const, baseUrl: fake.anthropicBaseUrl, apiKey: "sk-ant-test" },
      { provider: "openai-compatible" as const, baseUrl: fake.openaiBaseUrl.replace("127.0.0.1", "localhost") },
      { provider: "openai-compatible" as const, baseUrl: fake.openaiBaseUrl.replace("127.0.0.1", "[::ffff:127.0.0.1]") },
    ]) {
      const error = (await llm.complete({ model: "m", prompt: "hi", maxTokens: 5, ...request }, () => {}).catch((caught: Error) => caught)) as Error & { retryable: boolean };
      expect(error.message).toMatch(/are blocked/);
      expect(error.retryable).toBe(false);
    }
    expect(fake.requests.length).toBe(before);
  });

  it("re-checks redirects from an allowed base URL", async () => {
    const llm = createLlmPort({ allow: "localhost" }); // the name is allowed, 127.0.0.1 is not
    const before = fake.requests.length;
    await expect(llm.complete({ provider: "openai-compatible", model: "m", prompt: "hi", maxTokens: 5, baseUrl: `${internalUrl}/redirect/v1` }, () => {})).rejects.toThrow(/127\.0\.0\.1 are blocked/);
    expect(fake.requests.length).toBe(before);
  });

  it("never echoes what a user-chosen server answered: short classified messages", async () => {
    const llm = createLlmPort({ allow: "localhost" });
    const hits = internalHits;
    const notFound = (await llm.complete({ provider: "openai-compatible", model: "m", prompt: "hi", maxTokens: 5, baseUrl: `${internalUrl}/v1` }, () => {}).catch((caught: Error) => caught)) as Error & { retryable: boolean };
    expect(internalHits).toBeGreaterThan(hits); // it was allowed and reached
    expect(notFound.message).toMatch(/^The model call failed \(404\): not found; check the model name and the base URL\.$/);
    expect(notFound.retryable).toBe(false);
    const serverError = (await llm.complete({ provider: "anthropic", model: "m", prompt: "hi", maxTokens: 5, apiKey: "k", baseUrl: `${internalUrl}/fail500` }, () => {}).catch((caught: Error) => caught)) as Error & { retryable: boolean };
    expect(serverError.message).toMatch(/\(500\)/);
    expect(serverError.retryable).toBe(true);
    for (const error of [notFound, serverError]) expect(error.message).not.toMatch(/SECRET|hunter2/);
  });

  it("turns a rejected key into a non-retryable node error", async () => {
    const llm = createLlmPort({ anthropicBaseUrl: fake.anthropicBaseUrl });
    await expect(llm.complete({ provider: "anthropic", model: "claude-sonnet-4", prompt: "x", maxTokens: 5, apiKey: "wrong" }, () => {})).rejects.toMatchObject({ retryable: false, message: expect.stringMatching(/\(401\)/) });
  });

  it("runs an agent node inside a workflow: tokens stream as events, cost from the price table", async () => {
    const sink = new RecordingSink();
    const result = await runWorkflow({
      graph: {
        nodes: [
          { id: "start", type: "trigger.manual", position: { x: 0, y: 0 }, data: {} },
          { id: "agent", type: "ai.agent", position: { x: 0, y: 0 }, data: { config: { provider: "openai", model: "gpt-4o-mini", credentialId: "cred", prompt: "{{ input.topic }}" } } },
        ],
        edges: [{ id: "e", source: "start", target: "agent" }],
      },
      input: { topic: "durable workflows" },
      step: new InMemoryStepRunner(),
      sink,
      services: { llm: createLlmPort({ openaiBaseUrl: fake.openaiBaseUrl }), resolveCredential: async () => "sk-openai-test" },
    });
    expect(result.status).toBe("completed");
    expect(result.output).toEqual({ text: "Summary of durable workflows in three words", model: "gpt-4o-mini" });
    const tokens = sink.events.filter((event) => event.type === "node.token").map((event) => (event as { delta: string }).delta).join("");
    expect(tokens).toBe("Summary of durable workflows in three words");
    expect(result.usage.costUsd).toBeGreaterThan(0);
  });
});
