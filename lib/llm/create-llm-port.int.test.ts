import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InMemoryStepRunner, RecordingSink } from "@/lib/engine/in-memory-step-runner";
import { runWorkflow } from "@/lib/engine/run-workflow";
import { createLlmPort } from "@/lib/llm/create-llm-port";
import { startFakeLlmServer } from "@/scripts/testing/fake-llm-server";

let fake: Awaited<ReturnType<typeof startFakeLlmServer>>;
beforeAll(async () => {
  fake = await startFakeLlmServer({ reply: (prompt) => `Summary of ${prompt} in three words` });
});
afterAll(() => fake.stop());

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

  it("talks to an OpenAI-compatible local server at the node's base URL without a key", async () => {
    const llm = createLlmPort();
    const result = await llm.complete({ provider: "openai-compatible", model: "llama3.2", prompt: "hi", maxTokens: 20, baseUrl: fake.openaiBaseUrl }, () => {});
    expect(result.text).toBe("Summary of hi in three words");
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
