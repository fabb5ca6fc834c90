import type { ChildProcess } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { PrismaPg } from "@prisma/adapter-pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sealSecret } from "@/lib/credentials/secret-box";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { applyMigrations } from "@/scripts/db/migrations.mjs";
import { createTestDatabase } from "@/scripts/db/test-database.mjs";
import { startFakeLlmServer } from "@/scripts/testing/fake-llm-server";
import { asJson, ggraph, gnode, gedge } from "@/scripts/testing/workflow-fixtures";
import { startLocalWorkerProcess, until } from "@/scripts/testing/local-worker-process";

const TOOL_MS = 400;
const MODEL_KEY = "sk-openai-test";
const TOOL_SECRET = "tool-secret-4f9d2c";

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let db: PrismaClient;
let api: http.Server;
let apiUrl: string;
let fake: Awaited<ReturnType<typeof startFakeLlmServer>>;
/** Tool requests by path, each with its Idempotency-Key, in arrival order. */
const toolHits = new Map<string, string[]>();
/** Model requests by turn number. */
const turnRequests = new Map<number, number>();
const children: ChildProcess[] = [];

// The model's script: turn 0 calls one tool, turn 1 two in parallel, turn 2 one more, turn 3 answers.
const SCRIPT: { id: string; path: string }[][] = [[{ id: "call_0", path: "/tool/0" }], [{ id: "call_1a", path: "/tool/1a" }, { id: "call_1b", path: "/tool/1b" }], [{ id: "call_2", path: "/tool/2" }]];

beforeAll(async () => {
  database = await createTestDatabase({ label: "agentcrash", log: () => {} });
  await applyMigrations({ databaseUrl: database.url });
  db = new PrismaClient({ adapter: new PrismaPg({ connectionString: database.url }) });
  api = http.createServer((request, response) => {
    const toolPath = new URL(request.url ?? "/", "http://x").pathname;
    toolHits.set(toolPath, [...(toolHits.get(toolPath) ?? []), String(request.headers["idempotency-key"] ?? "")]);
    setTimeout(() => {
      response.setHeader("content-type", "application/json");
      // Echoes the credential: the run must not store it, stream it or hand it to the model.
      response.end(JSON.stringify({ done: toolPath, auth: request.headers.authorization }));
    }, TOOL_MS);
  });
  await new Promise<void>((resolve) => api.listen(0, "127.0.0.1", resolve));
  apiUrl = `http://localhost:${(api.address() as AddressInfo).port}`;
  fake = await startFakeLlmServer({
    respond: (turn) => {
      turnRequests.set(turn.turn, (turnRequests.get(turn.turn) ?? 0) + 1);
      const calls = SCRIPT[turn.turn];
      if (!calls) return { text: `All done after ${turn.toolResults.length} tool results.` };
      return { toolCalls: calls.map((call) => ({ id: call.id, name: "http_request", arguments: { method: "POST", url: `${apiUrl}${call.path}`, body: "{}" } })) };
    },
  });
});

afterAll(async () => {
  for (const child of children) child.kill("SIGKILL");
  await db?.$disconnect();
  await new Promise((resolve) => api?.close(resolve));
  await fake?.stop();
  await database?.drop();
});

function startWorker(): ChildProcess {
  const child = startLocalWorkerProcess({ DATABASE_URL: database.url, AGENTRY_DATABASE_DRIVER: database.driver, AGENTRY_HTTP_ALLOW: "localhost", OPENAI_BASE_URL: fake.openaiBaseUrl });
  children.push(child);
  return child;
}

describe("an agent's tool loop survives a crash", () => {
  it("resumes after SIGKILL mid-loop: no completed model turn or tool call is repeated, the in-flight call keeps its key, no secret is stored", async () => {
    const user = await db.user.create({ data: { email: "agent-crash@example.test" } });
    const workspace = await db.workspace.create({ data: { name: "Agents", memberships: { create: { userId: user.id, role: "owner" } } } });
    const modelCredential = await db.credential.create({ data: { id: "cred-model", workspaceId: workspace.id, name: "OpenAI", provider: "openai", secret: sealSecret(MODEL_KEY, "cred-model") } });
    const toolCredential = await db.credential.create({ data: { id: "cred-tool", workspaceId: workspace.id, name: "Tool API", provider: "http", secret: sealSecret(TOOL_SECRET, "cred-tool") } });
    const graph = ggraph(
      [
        gnode("start", "trigger.manual"),
        gnode("agent", "ai.agent", {
          provider: "openai", model: "gpt-4o-mini", credentialId: modelCredential.id, prompt: "Run the three steps.",
          tools: [{ type: "http", methods: ["POST"], urlPrefix: `${apiUrl}/tool/`, credentialId: toolCredential.id }],
        }),
        gnode("out", "flow.output", { name: "answer", value: "{{ nodes.agent.output.text }}" }),
      ],
      [gedge("start", "agent"), gedge("agent", "out")],
    );
    const workflow = await db.workflow.create({ data: { workspaceId: workspace.id, name: "Agent loop", graph: asJson(graph), activeVersion: 1 } });
    const version = await db.workflowVersion.create({ data: { workflowId: workflow.id, version: 1, graph: asJson(graph) } });
    const execution = await db.execution.create({ data: { workspaceId: workspace.id, workflowId: workflow.id, versionId: version.id, version: 1 } });

    const first = startWorker();
    const completedSteps = async () => (await db.nodeRun.findMany({ where: { executionId: execution.id, status: "completed", kind: { in: ["turn", "tool"] } }, select: { key: true } })).map((run) => run.key);
    // Killed while turn 1's parallel calls are in flight (the API answers after TOOL_MS).
    await until(async () => (await completedSteps()).includes("node:agent:tool:call_0") && toolHits.has("/tool/1a") && toolHits.has("/tool/1b"), 30_000, "turn 1's calls to be sent");
    first.kill("SIGKILL");
    await new Promise((resolve) => first.once("exit", resolve));
    const completedBeforeCrash = await completedSteps();
    const sentBeforeCrash = new Set(toolHits.keys());
    expect(completedBeforeCrash).toEqual(expect.arrayContaining(["node:agent:turn:0", "node:agent:tool:call_0", "node:agent:turn:1"]));
    expect(completedBeforeCrash).not.toContain("node:agent:tool:call_1a");

    startWorker();
    const finished = await until(async () => {
      const current = await db.execution.findUniqueOrThrow({ where: { id: execution.id } });
      return ["completed", "failed"].includes(current.status) && current;
    }, 45_000, "the execution to finish after the restart");
    expect(finished.error).toBeNull();
    expect(finished.status).toBe("completed");
    expect(finished.output).toEqual({ answer: "All done after 4 tool results." });

    // No model turn that completed before the crash was asked again; each later one once.
    for (const turn of [0, 1, 2, 3]) expect(turnRequests.get(turn), `model turn ${turn}`).toBe(1);
    const runs = await db.nodeRun.findMany({ where: { executionId: execution.id } });
    for (const key of completedBeforeCrash) expect(runs.find((run) => run.key === key)?.attempts, `${key} ran again`).toBe(1);
    // Completed tool calls were not sent again; the ones in flight were, with the same key.
    expect(toolHits.get("/tool/0")).toHaveLength(1);
    for (const inFlight of ["/tool/1a", "/tool/1b"]) {
      expect(sentBeforeCrash.has(inFlight)).toBe(true);
      const keys = toolHits.get(inFlight)!;
      expect(keys.length, `${inFlight} was sent again after the restart`).toBe(2);
      expect(keys[0]).toMatch(/^[\w-]{16,}$/);
      expect(new Set(keys), `${inFlight} kept its Idempotency-Key`).toEqual(new Set([keys[0]]));
    }
    expect(toolHits.get("/tool/2")).toHaveLength(1);
    const firstKeys = ["/tool/0", "/tool/1a", "/tool/1b", "/tool/2"].map((toolPath) => toolHits.get(toolPath)![0]);
    expect(new Set(firstKeys).size).toBe(4);

    // The trace: every turn and call recorded with its usage; the agent's node row sums them.
    const turns = runs.filter((run) => run.kind === "turn" && run.status === "completed");
    expect(turns.map((run) => run.key).sort()).toEqual(["node:agent:turn:0", "node:agent:turn:1", "node:agent:turn:2", "node:agent:turn:3"]);
    const agentRun = runs.find((run) => run.key === "node:agent")!;
    expect(agentRun.kind).toBe("node");
    expect(agentRun.outputTokens).toBe(turns.reduce((sum, run) => sum + run.outputTokens, 0));
    expect(agentRun.model).toBe("gpt-4o-mini");
    const events = await db.executionEvent.findMany({ where: { executionId: execution.id }, orderBy: { seq: "asc" } });
    expect(events.map((event) => event.seq)).toEqual(events.map((_, index) => index + 1));
    expect(events.filter((event) => event.type === "node.tool_call" && (event.data as { callId: string }).callId === "call_0")).toHaveLength(1);
    expect(events.filter((event) => event.type === "node.turn")).toHaveLength(4);
    expect(events.at(-1)!.type).toBe("execution.completed");

    // No secret anywhere: events, step rows, the output, nor what the model was sent.
    const stored = JSON.stringify({ events, runs, output: finished.output });
    for (const secret of [MODEL_KEY, TOOL_SECRET]) expect(stored).not.toContain(secret);
    expect(stored).toContain("[redacted]");
    expect(JSON.stringify(fake.requests.map((request) => request.body))).not.toContain(TOOL_SECRET);
  }, 120_000);
});
