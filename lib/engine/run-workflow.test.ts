import { describe, expect, it } from "vitest";
import { z } from "zod";
import { InMemoryStepRunner, RecordingSink } from "@/lib/engine/in-memory-step-runner";
import { NODE_REGISTRY, type NodeRegistry } from "@/lib/engine/registry";
import { runWorkflow } from "@/lib/engine/run-workflow";
import { NodeExecutionError, type GraphEdge, type GraphNode, type NodeDefinition, type WorkflowGraph } from "@/lib/engine/types";

const node = (id: string, type: string, config: Record<string, unknown> = {}): GraphNode => ({ id, type, position: { x: 0, y: 0 }, data: { label: id, config } });
const edge = (source: string, target: string, sourceHandle?: string): GraphEdge => ({ id: `${source}-${sourceHandle ?? "out"}-${target}`, source, target, sourceHandle });
const graph = (nodes: GraphNode[], edges: GraphEdge[]): WorkflowGraph => ({ nodes, edges });
const trigger = node("start", "trigger.manual");
const fields = (id: string, map: Record<string, string>) => node(id, "data.transform", { mode: "fields", fields: map });

async function run(g: WorkflowGraph, input: unknown = {}, extra: Partial<Parameters<typeof runWorkflow>[0]> = {}) {
  const step = new InMemoryStepRunner();
  const sink = new RecordingSink();
  const result = await runWorkflow({ graph: g, input, step, sink, ...extra });
  return { result, step, sink };
}

describe("runWorkflow", () => {
  it("runs a chain, resolving expressions over the input and earlier outputs", async () => {
    const g = graph(
      [trigger, fields("greet", { text: "Hello {{ input.name }}" }), fields("shout", { text: "{{ nodes.greet.output.text }}!", original: "{{ prev }}" }), node("out", "flow.output", { name: "message", value: "{{ prev.text }}" })],
      [edge("start", "greet"), edge("greet", "shout"), edge("shout", "out")],
    );
    const { result, sink } = await run(g, { name: "Ada" });
    expect(result).toMatchObject({ status: "completed", output: { message: "Hello Ada!" } });
    expect(sink.types("greet")).toEqual(["node.started", "node.completed"]);
  });

  it("takes one branch of a condition, skips the other branch all the way down, and merges", async () => {
    const g = graph(
      [
        trigger,
        node("check", "logic.condition", { left: "{{ input.score }}", operator: "gte", right: "50" }),
        fields("pass", { verdict: "pass" }),
        fields("fail", { verdict: "fail" }),
        fields("afterFail", { x: "1" }),
        node("join", "flow.merge"),
      ],
      [edge("start", "check"), edge("check", "pass", "true"), edge("check", "fail", "false"), edge("fail", "afterFail"), edge("pass", "join"), edge("afterFail", "join")],
    );
    const { result, sink } = await run(g, { score: 72 });
    expect(result.status).toBe("completed");
    expect(sink.types("fail")).toEqual(["node.skipped"]);
    expect(sink.types("afterFail")).toEqual(["node.skipped"]);
    expect(result.output).toEqual({ pass: { verdict: "pass" } });
  });

  it("routes to the first matching route, or default", async () => {
    const router = node("route", "logic.router", {
      routes: [
        { handle: "billing", left: "{{ input.topic }}", operator: "equals", right: "billing" },
        { handle: "bug", left: "{{ input.text }}", operator: "contains", right: "crash" },
      ],
    });
    const g = graph([trigger, router, fields("b", { team: "billing" }), fields("e", { team: "eng" }), fields("d", { team: "support" })], [edge("start", "route"), edge("route", "b", "billing"), edge("route", "e", "bug"), edge("route", "d", "default")]);
    // Without Output nodes, the result is the output of the one branch end that ran.
    expect((await run(g, { topic: "other", text: "app crash" })).result.output).toEqual({ team: "eng" });
    expect((await run(g, { topic: "billing", text: "crash" })).result.output).toEqual({ team: "billing" });
    expect((await run(g, { topic: "x", text: "hello" })).result.output).toEqual({ team: "support" });
  });

  it("runs parallel branches concurrently", async () => {
    const started: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const wait: NodeDefinition<{ name: string }> = {
      type: "test.wait",
      category: "data",
      label: "wait",
      description: "",
      configSchema: z.object({ name: z.string() }),
      outputs: ["out"],
      async execute({ config }) {
        started.push(config.name);
        if (started.length === 2) release();
        await gate; // resolves only once both branches are inside their node at the same time
        return { output: config.name };
      },
    };
    const registry: NodeRegistry = new Map([...NODE_REGISTRY, [wait.type, wait as never]]);
    const g = graph([trigger, node("a", "test.wait", { name: "a" }), node("b", "test.wait", { name: "b" }), node("join", "flow.merge")], [edge("start", "a"), edge("start", "b"), edge("a", "join"), edge("b", "join")]);
    const { result } = await run(g, {}, { registry });
    expect(result).toMatchObject({ status: "completed", output: { a: "a", b: "b" } });
    expect(started.sort()).toEqual(["a", "b"]);
  });

  it("maps a loop body over a list with per-iteration step keys and collects the results", async () => {
    const g = graph(
      [trigger, node("each", "flow.loop", { items: "{{ input.users }}" }), fields("label", { name: "{{ item.name }}", position: "{{ index }}" }), fields("after", { count: "{{ nodes.each.output }}" })],
      [edge("start", "each"), edge("each", "label", "body"), edge("label", "each"), edge("each", "after", "done")],
    );
    const { result, step } = await run(g, { users: [{ name: "a" }, { name: "b" }, { name: "c" }] });
    expect(result.status).toBe("completed");
    expect(result.output).toEqual({
      count: [
        { name: "a", position: 0 },
        { name: "b", position: 1 },
        { name: "c", position: 2 },
      ],
    });
    expect(step.executed.filter((key) => key.startsWith("node:label"))).toEqual(["node:label:iter:0", "node:label:iter:1", "node:label:iter:2"]);
  });

  it("refuses to loop over more items than maxIterations", async () => {
    const g = graph([trigger, node("each", "flow.loop", { items: "{{ input.list }}", maxIterations: 2 }), fields("x", { v: "{{ item }}" })], [edge("start", "each"), edge("each", "x", "body"), edge("x", "each")]);
    const { result } = await run(g, { list: [1, 2, 3] });
    expect(result).toMatchObject({ status: "failed", failedNodeId: "each" });
    expect(result.error).toMatch(/more than the loop's limit of 2/);
  });

  it("fails the run at a failing node and runs nothing after it", async () => {
    const g = graph([trigger, node("code", "data.code", { source: "throw new Error('boom')" }), fields("after", { a: "1" })], [edge("start", "code"), edge("code", "after")]);
    const services = { code: { run: async () => Promise.reject(new Error("boom")) } };
    const { result, sink } = await run(g, {}, { services });
    expect(result).toMatchObject({ status: "failed", failedNodeId: "code" });
    expect(result.error).toMatch(/boom/);
    expect(sink.types("code")).toEqual(["node.started", "node.failed"]);
    expect(sink.types("after")).toEqual([]);
  });

  it("stops cleanly with budget_exceeded when tokens run over, and records usage and cost", async () => {
    const llm = {
      async complete(_request: unknown, onToken: (delta: string) => void) {
        onToken("Hi");
        onToken(" there");
        return { text: "Hi there", usage: { inputTokens: 400, outputTokens: 200 }, model: "gpt-4o-mini" };
      },
    };
    const agent = (id: string) => node(id, "ai.agent", { provider: "openai", model: "gpt-4o-mini", credentialId: "c1", prompt: "Say hi" });
    const g = graph([trigger, agent("first"), agent("second")], [edge("start", "first"), edge("first", "second")]);
    const services = { llm, resolveCredential: async () => "sk-test" };
    const { result, sink } = await run(g, {}, { services, budget: { maxTokens: 500 } });
    expect(result.status).toBe("budget_exceeded");
    expect(result.error).toMatch(/600 tokens, over the budget of 500/);
    expect(result.usage.inputTokens + result.usage.outputTokens).toBe(600);
    expect(result.usage.costUsd).toBeCloseTo((400 * 0.15 + 200 * 0.6) / 1e6, 10);
    expect(sink.events.filter((event) => event.type === "node.token").map((event) => (event as { delta: string }).delta)).toEqual(["Hi", " there"]);
    expect(sink.types("second")).toEqual([]);
  });

  it("stops with budget_exceeded when the cost runs over maxCostUsd, after the node that crossed it", async () => {
    const llm = { complete: async () => ({ text: "ok", usage: { inputTokens: 400, outputTokens: 200 }, model: "gpt-4o" }) };
    const agent = (id: string) => node(id, "ai.agent", { provider: "openai", model: "gpt-4o", credentialId: "c1", prompt: "Go" });
    const g = graph([trigger, agent("first"), agent("second"), agent("third")], [edge("start", "first"), edge("first", "second"), edge("second", "third")]);
    // gpt-4o: $2.50 / $10 per million tokens → $0.003 per call. Under $0.004 after one call, over after two.
    const { result, sink } = await run(g, {}, { services: { llm, resolveCredential: async () => "sk-test" }, budget: { maxCostUsd: 0.004 } });
    expect(result.status).toBe("budget_exceeded");
    expect(result.error).toMatch(/cost \$0\.0060, over the budget of \$0\.004/);
    expect(result.usage.costUsd).toBeCloseTo(0.006, 10);
    expect(sink.types("second")).toEqual(["node.started", "node.completed"]);
    expect(sink.types("third")).toEqual([]);
  });

  it("on replay returns memoized steps without running their side effects again", async () => {
    let calls = 0;
    const services = { code: { run: async () => ++calls } };
    const g = graph([trigger, node("a", "data.code", { source: "return 1" }), node("b", "data.code", { source: "return 2" })], [edge("start", "a"), edge("a", "b")]);
    const memo = new Map<string, unknown>();
    const first = await runWorkflow({ graph: g, input: {}, step: new InMemoryStepRunner(memo), sink: new RecordingSink(), services });
    const replay = new InMemoryStepRunner(memo);
    const second = await runWorkflow({ graph: g, input: {}, step: replay, sink: new RecordingSink(), services });
    expect(calls).toBe(2);
    expect(replay.executed).toEqual([]);
    expect(second.output).toEqual(first.output);
  });

  it("waits for approval and continues on the decided branch", async () => {
    const g = graph(
      [trigger, node("ok", "human.approval", { message: "Send it?" }), fields("send", { sent: "yes" }), fields("drop", { sent: "no" })],
      [edge("start", "ok"), edge("ok", "send", "approved"), edge("ok", "drop", "rejected")],
    );
    const approved = new InMemoryStepRunner(new Map(), new Map([["workflow/approval.decided:ok", { approved: true, by: "u1" }]]));
    const sink = new RecordingSink();
    const result = await runWorkflow({ graph: g, input: {}, step: approved, sink });
    expect(result.output).toEqual({ sent: "yes" });
    expect(sink.types("ok")).toEqual(["node.started", "node.waiting", "node.completed"]);
    const timedOut = await run(g);
    expect(timedOut.result.output).toEqual({ sent: "no" });
  });

  it("sleeps durably for a delay", async () => {
    const g = graph([trigger, node("wait", "flow.delay", { seconds: 90 }), fields("after", { ok: "yes" })], [edge("start", "wait"), edge("wait", "after")]);
    const { result, step } = await run(g);
    expect(result.status).toBe("completed");
    expect(step.sleeps).toEqual([{ key: "node:wait:sleep", ms: 90_000 }]);
  });

  it("is cancelled by its abort signal", async () => {
    const controller = new AbortController();
    const services = { code: { run: async () => (controller.abort(), 1) } };
    const g = graph([trigger, node("a", "data.code", { source: "1" }), node("b", "data.code", { source: "2" })], [edge("start", "a"), edge("a", "b")]);
    const { result, sink } = await run(g, {}, { services, signal: controller.signal });
    expect(result.status).toBe("cancelled");
    expect(sink.types("b")).toEqual([]);
  });

  it("runs only the trigger that started the run", async () => {
    const g = graph([trigger, node("hook", "trigger.webhook"), fields("fromManual", { a: "1" }), fields("fromHook", { b: "{{ input.body }}" })], [edge("start", "fromManual"), edge("hook", "fromHook")]);
    const { result } = await run(g, { body: "payload" }, { triggerNodeId: "hook" });
    expect(result.output).toEqual({ b: "payload" });
  });

  describe("when a node fails", () => {
    /** Fails its first `failures` calls with a node error, then answers; counts its calls. */
    function flakyRegistry(failures: number) {
      const calls = { count: 0 };
      const flaky: NodeDefinition<{ name: string }> = {
        type: "test.flaky",
        category: "data",
        label: "flaky",
        description: "",
        configSchema: z.object({ name: z.string() }),
        outputs: ["out"],
        async execute({ config }) {
          calls.count++;
          if (calls.count <= failures) throw new NodeExecutionError(`${config.name} is down (call ${calls.count})`);
          return { output: { ok: config.name } };
        },
      };
      return { calls, registry: new Map([...NODE_REGISTRY, [flaky.type, flaky as never]]) as NodeRegistry };
    }
    const flakyNode = (data: Partial<GraphNode["data"]>) => ({ ...node("call", "test.flaky", { name: "orders" }), data: { label: "call", config: { name: "orders" }, ...data } }) as GraphNode;
    const after = fields("after", { seen: "{{ nodes.call.output.error.message }}" });
    const handled = fields("handled", { alert: "{{ prev.error.message }}" });

    it("fails the run by default", async () => {
      const { registry } = flakyRegistry(1);
      const { result, sink } = await run(graph([trigger, flakyNode({}), after], [edge("start", "call"), edge("call", "after")]), {}, { registry });
      expect(result).toMatchObject({ status: "failed", failedNodeId: "call" });
      expect(sink.types("after")).toEqual([]);
    });

    it("is tried again up to its retry setting, inside its one step", async () => {
      const { registry, calls } = flakyRegistry(2);
      const { result, sink, step } = await run(graph([trigger, flakyNode({ retry: { maxTries: 3, waitMs: 0 } }), after], [edge("start", "call"), edge("call", "after")]), {}, { registry });
      expect(result.status).toBe("completed");
      expect(calls.count).toBe(3);
      expect(sink.types("call")).toEqual(["node.started", "node.completed"]);
      expect(step.executed.filter((key) => key.startsWith("node:call"))).toEqual(["node:call"]);
    });

    it("with On error: continue, hands on { error } and the run goes on", async () => {
      const { registry } = flakyRegistry(5);
      const { result, sink } = await run(graph([trigger, flakyNode({ onError: "continue", retry: { maxTries: 2, waitMs: 0 } }), after], [edge("start", "call"), edge("call", "after")]), {}, { registry });
      expect(result).toMatchObject({ status: "completed", output: { seen: "orders is down (call 2)" } });
      expect(sink.types("call")).toEqual(["node.started", "node.failed"]);
    });

    it("with On error: branch, takes only the error output on failure, and only the others on success", async () => {
      const g = graph([trigger, flakyNode({ onError: "branch" }), after, handled], [edge("start", "call"), edge("call", "after"), edge("call", "handled", "error")]);
      const failing = await run(g, {}, { registry: flakyRegistry(1).registry });
      expect(failing.result).toMatchObject({ status: "completed", output: { alert: "orders is down (call 1)" } });
      expect(failing.sink.types("after")).toEqual(["node.skipped"]);
      const passing = await run(g, {}, { registry: flakyRegistry(0).registry });
      expect(passing.result.status).toBe("completed");
      expect(passing.sink.types("after")).toEqual(["node.started", "node.completed"]);
      expect(passing.sink.types("handled")).toEqual(["node.skipped"]);
    });

    it("a replay of a failure the run went on from does not run the node again", async () => {
      const { registry, calls } = flakyRegistry(1);
      const g = graph([trigger, flakyNode({ onError: "continue" }), after], [edge("start", "call"), edge("call", "after")]);
      const step = new InMemoryStepRunner();
      const first = await runWorkflow({ graph: g, input: {}, step, sink: new RecordingSink(), registry });
      const replay = await runWorkflow({ graph: g, input: {}, step, sink: new RecordingSink(), registry });
      expect(calls.count).toBe(1);
      expect(replay).toEqual(first);
    });
  });
});
