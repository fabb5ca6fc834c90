import { describe, expect, it } from "vitest";
import { InMemoryStepRunner, RecordingSink } from "@/lib/engine/in-memory-step-runner";
import { runWorkflow } from "@/lib/engine/run-workflow";
import type { ChatRequest, ChatResult, GraphNode, HttpRequest, LlmPort, MemoryMessage, NodeServices, ToolCall, WorkflowGraph } from "@/lib/engine/types";

const node = (id: string, type: string, config: Record<string, unknown> = {}): GraphNode => ({ id, type, position: { x: 0, y: 0 }, data: { label: id, config } });
const agentGraph = (config: Record<string, unknown>): WorkflowGraph => ({
  nodes: [node("start", "trigger.manual"), node("agent", "ai.agent", { provider: "openai", model: "gpt-4o-mini", credentialId: "c1", prompt: "{{ input.question }}", ...config })],
  edges: [{ id: "e1", source: "start", target: "agent" }],
});

type Turn = Partial<ChatResult> | ((request: ChatRequest) => Partial<ChatResult>);
const call = (id: string, name: string, args: unknown): ToolCall => ({ id, name, arguments: args });

/** A model port that answers turn n with `turns[n]` and records what it was sent. */
function scriptedModel(turns: Turn[]) {
  const requests: ChatRequest[] = [];
  const llm: LlmPort = {
    complete: async () => {
      throw new Error("complete() is not used by the agent loop");
    },
    async chat(request, onToken) {
      requests.push(structuredClone(request));
      const scripted = turns[requests.length - 1];
      if (!scripted) throw new Error(`no scripted turn ${requests.length - 1}`);
      const result = typeof scripted === "function" ? scripted(request) : scripted;
      if (result.text) onToken(result.text);
      return { text: "", toolCalls: [], stopReason: result.toolCalls?.length ? "tool_calls" : "end", usage: { inputTokens: 100, outputTokens: 10 }, model: "gpt-4o-mini", ...result };
    },
  };
  return { llm, requests };
}

async function run(config: Record<string, unknown>, services: NodeServices, options: { step?: InMemoryStepRunner; budget?: Parameters<typeof runWorkflow>[0]["budget"]; input?: unknown } = {}) {
  const step = options.step ?? new InMemoryStepRunner();
  const sink = new RecordingSink();
  const result = await runWorkflow({ graph: agentGraph(config), input: options.input ?? { question: "What is the weather?" }, step, sink, services: { resolveCredential: async () => "sk-secret-key", ...services }, budget: options.budget });
  return { result, step, sink };
}

const eventsOf = (sink: RecordingSink, type: string) => sink.events.filter((event) => event.type === type) as unknown as Record<string, unknown>[];

describe("the agent loop", () => {
  it("calls a tool, hands its result back and answers; every turn and call is a step with events", async () => {
    const { llm, requests } = scriptedModel([{ toolCalls: [call("call_1", "http_request", { url: "https://api.example.com/weather?city=Oslo" })] }, { text: "It is sunny in Oslo." }]);
    const sent: HttpRequest[] = [];
    const http = { request: async (request: HttpRequest) => (sent.push(request), { status: 200, headers: {}, body: JSON.stringify({ sky: "sunny" }) }) };
    const { result, step, sink } = await run({ tools: [{ type: "http" }] }, { llm, http });

    expect(result.status).toBe("completed");
    expect(result.output).toEqual({ text: "It is sunny in Oslo.", model: "gpt-4o-mini" });
    expect(result.usage).toMatchObject({ inputTokens: 200, outputTokens: 20 });
    expect(step.executed).toEqual(["node:start", "node:agent:started", "node:agent:tools", "node:agent:turn:0", "node:agent:tool:call_1", "node:agent:turn:1", "node:agent"]);
    expect(sent[0]).toMatchObject({ method: "GET", url: "https://api.example.com/weather?city=Oslo", idempotencyKey: undefined });
    // The second turn sees the assistant's call and the tool's result.
    expect(requests[1]!.messages.slice(1)).toEqual([
      { role: "assistant", text: "", toolCalls: [call("call_1", "http_request", { url: "https://api.example.com/weather?city=Oslo" })] },
      { role: "tool", results: [{ callId: "call_1", name: "http_request", content: JSON.stringify({ status: 200, body: { sky: "sunny" } }), isError: false }] },
    ]);
    expect(requests[0]!.tools.map((tool) => tool.name)).toEqual(["http_request"]);
    expect(sink.types("agent")).toEqual(["node.started", "node.turn", "node.tool_call", "node.tool_result", "node.token", "node.turn", "node.completed"]);
    expect(eventsOf(sink, "node.tool_call")[0]).toMatchObject({ key: "node:agent", turn: 0, callId: "call_1", tool: "http_request", arguments: { url: "https://api.example.com/weather?city=Oslo" } });
    expect(eventsOf(sink, "node.tool_result")[0]).toMatchObject({ isError: false, result: JSON.stringify({ status: 200, body: { sky: "sunny" } }) });
    expect(eventsOf(sink, "node.turn")[1]).toMatchObject({ turn: 1, stopReason: "end", usage: { inputTokens: 100, outputTokens: 10, model: "gpt-4o-mini" } });
  });

  it("runs the parallel calls of one turn concurrently", async () => {
    let inside = 0;
    let release!: () => void;
    const together = new Promise<void>((resolve) => (release = resolve));
    const code = {
      async run(source: string) {
        if (++inside === 2) release();
        await together; // resolves only once both calls are running at the same time
        return source.includes("1") ? 1 : 2;
      },
    };
    const { llm, requests } = scriptedModel([{ toolCalls: [call("a", "run_code", { code: "return 1" }), call("b", "run_code", { code: "return 2" })] }, { text: "3" }]);
    const { result, step } = await run({ tools: [{ type: "code" }] }, { llm, code });
    expect(result.status).toBe("completed");
    expect(step.executed).toContain("node:agent:tool:a");
    expect(step.executed).toContain("node:agent:tool:b");
    expect(requests[1]!.messages.at(-1)).toEqual({ role: "tool", results: [{ callId: "a", name: "run_code", content: "1", isError: false }, { callId: "b", name: "run_code", content: "2", isError: false }] });
  });

  it("returns malformed arguments, schema violations, unknown tools and failing tools to the model as errors it can recover from", async () => {
    const code = {
      async run(source: string) {
        if (source === "boom") throw Object.assign(new (await import("@/lib/engine/types")).NodeExecutionError("The code threw TypeError: x is undefined"));
        throw new Error("database password=hunter2 leaked");
      },
    };
    const { llm, requests } = scriptedModel([
      { toolCalls: [{ id: "m1", name: "run_code", arguments: null, rawArguments: '{"code": "return 1' }, call("m2", "run_code", { source: "x" }), call("m3", "nope", {})] },
      { toolCalls: [call("m4", "run_code", { code: "boom" }), call("m5", "run_code", { code: "internal" })] },
      { text: "Recovered." },
    ]);
    const { result } = await run({ tools: [{ type: "code" }] }, { llm, code });
    expect(result.status).toBe("completed");
    const first = (requests[1]!.messages.at(-1) as { results: { content: string; isError: boolean }[] }).results;
    expect(first.map((entry) => entry.isError)).toEqual([true, true, true]);
    expect(first[0]!.content).toMatch(/not valid JSON/);
    expect(first[1]!.content).toMatch(/do not match the tool's input schema[\s\S]*code/);
    expect(first[2]!.content).toMatch(/no tool named "nope"\. Available: run_code/);
    const second = (requests[2]!.messages.at(-1) as { results: { content: string; isError: boolean }[] }).results;
    expect(second[0]).toMatchObject({ isError: true, content: "The code threw TypeError: x is undefined" });
    // Internal errors stay on the server.
    expect(second[1]).toMatchObject({ isError: true, content: "The tool failed with an internal error." });
  });

  it("fails clearly when the model is still calling tools after maxSteps turns", async () => {
    const forever = () => ({ toolCalls: [call(`c${Math.random().toString(36).slice(2)}`, "run_code", { code: "return 1" })] });
    const { llm, requests } = scriptedModel([forever, forever, forever, forever]);
    const { result } = await run({ tools: [{ type: "code" }], maxSteps: 3 }, { llm, code: { run: async () => 1 } });
    expect(result.status).toBe("failed");
    expect(result.error).toMatch(/used all 3 steps without a final answer/);
    expect(requests).toHaveLength(3);
  });

  it("resumes after a crash without repeating a finished model turn or tool call", async () => {
    const turns: Turn[] = [{ toolCalls: [call("t1", "http_request", { url: "https://api.example.com/a", method: "POST", body: "{}" })] }, { toolCalls: [call("t2", "http_request", { url: "https://api.example.com/b" })] }, { text: "done" }];
    let httpCalls = 0;
    const http = { request: async () => (httpCalls++, { status: 200, headers: {}, body: "ok" }) };
    const memo = new Map<string, unknown>();
    // The first process: the model answers turn 0 and the tool runs, then it dies in turn 1.
    const first = scriptedModel([turns[0]!, () => { throw new Error("process killed"); }]);
    const crashed = await run({ tools: [{ type: "http", methods: ["GET", "POST"] }] }, { llm: first.llm, http }, { step: new InMemoryStepRunner(memo) });
    expect(crashed.result.status).toBe("failed");
    // (The simulated death fails the node in this process, which records its failure event as a step.)
    expect([...memo.keys()]).toEqual(["node:start", "node:agent:started", "node:agent:tools", "node:agent:turn:0", "node:agent:tool:t1", "node:agent:failed"]);
    expect(httpCalls).toBe(1);

    // The replay: turn 0 and call t1 come from the memo; the model is asked from turn 1 on.
    const second = scriptedModel(turns.slice(1));
    const replay = new InMemoryStepRunner(memo);
    const resumed = await run({ tools: [{ type: "http", methods: ["GET", "POST"] }] }, { llm: second.llm, http }, { step: replay });
    expect(resumed.result.status).toBe("completed");
    expect(replay.executed).toEqual(["node:agent:turn:1", "node:agent:tool:t2", "node:agent:turn:2", "node:agent"]);
    expect(httpCalls).toBe(2);
    // The conversation the model sees after the resume is the one it would have seen.
    expect(second.requests[0]!.messages.map((message) => message.role)).toEqual(["user", "assistant", "tool"]);
  });

  it("gives tool calls a stable idempotency key: the tool step's key", async () => {
    const sent: HttpRequest[] = [];
    const { llm } = scriptedModel([{ toolCalls: [call("w1", "http_request", { url: "https://api.example.com/orders", method: "POST", body: "{}" })] }, { text: "ok" }]);
    await run({ tools: [{ type: "http", methods: ["POST"] }] }, { llm, http: { request: async (request: HttpRequest) => (sent.push(request), { status: 201, headers: {}, body: "" }) } });
    expect(sent[0]!.idempotencyKey).toBe("node:agent:tool:w1");
    expect(sent[0]!.headers["content-type"]).toBe("application/json");
  });

  it("keeps an HTTP tool with a credential under its URL prefix, and the credential out of the events", async () => {
    const sent: HttpRequest[] = [];
    const { llm, requests } = scriptedModel([
      { toolCalls: [call("x1", "api", { url: "https://api.example.com.evil.test/steal" }), call("x2", "api", { url: "https://api.example.com/v1/../admin" }), call("x3", "api", { url: "https://api.example.com/v1/items", headers: { Authorization: "Bearer sk-model-typed" } })] },
      { text: "ok" },
    ]);
    const { sink } = await run({ tools: [{ type: "http", name: "api", urlPrefix: "https://api.example.com/v1/", credentialId: "c2" }] }, { llm, http: { request: async (request: HttpRequest) => (sent.push(request), { status: 200, headers: {}, body: "[]" }) } });
    const results = (requests[1]!.messages.at(-1) as { results: { content: string; isError: boolean }[] }).results;
    expect(results.map((entry) => entry.isError)).toEqual([true, true, false]);
    expect(results[0]!.content).toMatch(/Only URLs starting with https:\/\/api\.example\.com\/v1\//);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.headers.Authorization).toBe("Bearer sk-secret-key");
    // Secret-looking fields are masked in events (and the sink redacts credential secrets too).
    expect(JSON.stringify(eventsOf(sink, "node.tool_call"))).not.toContain("sk-model-typed");
  });

  it("rejects an HTTP tool with a credential and no URL prefix as misconfigured", async () => {
    const { llm } = scriptedModel([{ text: "never" }]);
    const { result } = await run({ tools: [{ type: "http", credentialId: "c2" }] }, { llm });
    expect(result.status).toBe("failed");
    expect(result.error).toMatch(/misconfigured: An HTTP tool with a credential needs a URL prefix/);
  });

  it("stops between turns when the run's budget is spent, counting the tokens used so far", async () => {
    const { llm, requests } = scriptedModel([{ toolCalls: [call("b1", "run_code", { code: "return 1" })] }, { toolCalls: [call("b2", "run_code", { code: "return 1" })] }, { text: "never" }]);
    const { result } = await run({ tools: [{ type: "code" }] }, { llm, code: { run: async () => 1 } }, { budget: { maxTokens: 150 } });
    expect(result.status).toBe("budget_exceeded");
    expect(result.error).toMatch(/220 tokens, over the budget of 150/);
    expect(requests).toHaveLength(2);
    expect(result.usage.inputTokens + result.usage.outputTokens).toBe(220);
  });

  it("stops on the agent's own budget", async () => {
    const { llm, requests } = scriptedModel([{ toolCalls: [call("o1", "run_code", { code: "return 1" })] }, { text: "never" }]);
    const { result } = await run({ tools: [{ type: "code" }], budget: { maxTokens: 50 } }, { llm, code: { run: async () => 1 } });
    expect(result.status).toBe("budget_exceeded");
    expect(result.error).toMatch(/"the agent" used 110 tokens, over the budget of 50/);
    expect(requests).toHaveLength(1);
  });

  describe("structured output", () => {
    const outputSchema = { type: "object", properties: { city: { type: "string" }, celsius: { type: "number" } }, required: ["city", "celsius"], additionalProperties: false };

    it("outputs the validated object (JSON text, OpenAI's response_format)", async () => {
      const { llm, requests } = scriptedModel([{ text: '{"city":"Oslo","celsius":21}' }]);
      const { result } = await run({ outputSchema }, { llm });
      expect(result.output).toEqual({ city: "Oslo", celsius: 21 });
      expect(requests[0]!.responseSchema).toEqual(outputSchema);
    });

    it("takes the forced tool's input as the answer (Anthropic), retrying once with the validation errors", async () => {
      const { llm, requests } = scriptedModel([{ toolCalls: [call("f1", "final_answer", { city: "Oslo", celsius: "warm" })] }, { toolCalls: [call("f2", "final_answer", { city: "Oslo", celsius: 21 })] }]);
      const { result } = await run({ outputSchema }, { llm });
      expect(result.output).toEqual({ city: "Oslo", celsius: 21 });
      const feedback = (requests[1]!.messages.at(-1) as { results: { callId: string; content: string; isError: boolean }[] }).results[0]!;
      expect(feedback).toMatchObject({ callId: "f1", isError: true });
      expect(feedback.content).toMatch(/celsius: Invalid input: expected number/);
    });

    it("fails clearly when the retry does not match either", async () => {
      const { llm } = scriptedModel([{ text: "Oslo, 21 degrees" }, { text: '{"city":"Oslo"}' }]);
      const { result } = await run({ outputSchema }, { llm });
      expect(result.status).toBe("failed");
      expect(result.error).toMatch(/does not match the output schema after a retry: celsius/);
    });
  });

  it("remembers the conversation: loads the last messages and appends the new exchange", async () => {
    const stored = new Map<string, MemoryMessage[]>([["thread-1", [{ role: "user", content: "My name is Ada." }, { role: "assistant", content: "Hello Ada." }]]]);
    const memory = {
      load: async (id: string, { maxMessages }: { maxMessages: number }) => (stored.get(id) ?? []).slice(-maxMessages),
      append: async (id: string, messages: MemoryMessage[]) => void stored.set(id, [...(stored.get(id) ?? []), ...messages]),
    };
    const { llm, requests } = scriptedModel([{ text: "Your name is Ada." }]);
    const { step } = await run({ memory: { conversationId: "{{ input.threadId }}", maxMessages: 10 } }, { llm, memory }, { input: { question: "What is my name?", threadId: "thread-1" } });
    expect(requests[0]!.messages).toEqual([
      { role: "user", content: "My name is Ada." },
      { role: "assistant", text: "Hello Ada.", toolCalls: [] },
      { role: "user", content: "What is my name?" },
    ]);
    expect(stored.get("thread-1")!.slice(2)).toEqual([{ role: "user", content: "What is my name?" }, { role: "assistant", content: "Your name is Ada." }]);
    expect(step.executed).toEqual(["node:start", "node:agent:started", "node:agent:memory", "node:agent:turn:0", "node:agent:remember", "node:agent"]);
  });
});
