import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InMemoryStepRunner, RecordingSink } from "@/lib/engine/in-memory-step-runner";
import { runWorkflow } from "@/lib/engine/run-workflow";
import type { WorkflowGraph } from "@/lib/engine/types";
import { buildNodeServices } from "@/lib/jobs/build-node-services";
import { createRedactor } from "@/lib/jobs/redactor";
import { startFakeLlmServer } from "@/scripts/testing/fake-llm-server";

// The driver's services as production builds them, from the environment: the operator's
// OPENAI_BASE_URL is trusted, a base URL in a node goes through the outbound policy with
// AGENTRY_HTTP_ALLOW (here: the name "localhost" only, not 127.0.0.1).
let fake: Awaited<ReturnType<typeof startFakeLlmServer>>;
beforeAll(async () => {
  fake = await startFakeLlmServer({ reply: () => "internal answer" });
  process.env.AGENTRY_HTTP_ALLOW = "localhost";
  process.env.OPENAI_BASE_URL = fake.openaiBaseUrl;
});
afterAll(() => fake.stop());

const agentGraph = (config: Record<string, unknown>): WorkflowGraph => ({
  nodes: [
    { id: "start", type: "trigger.manual", position: { x: 0, y: 0 }, data: {} },
    { id: "agent", type: "ai.agent", position: { x: 0, y: 0 }, data: { config: { model: "llama3.2", prompt: "hi", ...config } } },
  ],
  edges: [{ id: "e", source: "start", target: "agent" }],
});

async function run(graph: WorkflowGraph, apiKey?: string) {
  const services = buildNodeServices({ execution: { id: "exec-test", workspaceId: "ws-test", depth: 0 }, redactor: createRedactor() });
  const withKey = apiKey ? { ...services, resolveCredential: async () => apiKey, resolveModelCredential: async () => ({ apiKey }) } : services;
  return runWorkflow({ graph, input: {}, step: new InMemoryStepRunner(), sink: new RecordingSink(), services: withKey });
}

describe("agent nodes through the driver's services (one outbound policy)", () => {
  it("refuses a node's base URL on loopback, with the policy's message and nothing sent", async () => {
    const before = fake.requests.length;
    const result = await run(agentGraph({ provider: "openai-compatible", baseUrl: fake.openaiBaseUrl }));
    expect(result.status).toBe("failed");
    expect(result.error).toMatch(/127\.0\.0\.1 are blocked \(loopback address\)/);
    expect(result.error).not.toMatch(/internal answer/);
    expect(fake.requests.length).toBe(before);
  });

  it("reaches it when AGENTRY_HTTP_ALLOW lists it, and the operator's OPENAI_BASE_URL without listing", async () => {
    const allowed = await run(agentGraph({ provider: "openai-compatible", baseUrl: fake.openaiBaseUrl.replace("127.0.0.1", "localhost") }));
    expect([allowed.status, allowed.error]).toEqual(["completed", undefined]);
    expect(allowed.output).toMatchObject({ text: "internal answer" });
    const trusted = await run(agentGraph({ provider: "openai", model: "gpt-4o-mini", credentialId: "cred" }), "sk-openai-test");
    expect([trusted.status, trusted.error]).toEqual(["completed", undefined]);
  });

  it("runs code nodes in the worker pool and HTTP nodes through the same policy", async () => {
    const graph: WorkflowGraph = {
      nodes: [
        { id: "start", type: "trigger.manual", position: { x: 0, y: 0 }, data: {} },
        { id: "code", type: "data.code", position: { x: 0, y: 0 }, data: { config: { source: "return 6 * 7;" } } },
        { id: "http", type: "integration.http", position: { x: 0, y: 0 }, data: { config: { url: "http://[::ffff:169.254.169.254]/latest/meta-data/" } } },
      ],
      edges: [
        { id: "e1", source: "start", target: "code" },
        { id: "e2", source: "code", target: "http" },
      ],
    };
    const result = await run(graph);
    expect(result.status).toBe("failed");
    expect(result.failedNodeId).toBe("http");
    expect(result.error).toMatch(/are blocked \(link-local \(cloud metadata\) address\)/);
  });
});
