import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { call, createTeam } from "@/scripts/testing/fixtures";
import { startFakeLlmServer } from "@/scripts/testing/fake-llm-server";
import { gedge, ggraph, gnode } from "@/scripts/testing/workflow-fixtures";
import * as activity from "@/app/api/v1/activity/route";
import * as apiKeys from "@/app/api/v1/api-keys/route";
import * as credentials from "@/app/api/v1/credentials/route";
import * as credential from "@/app/api/v1/credentials/[id]/route";
import * as test from "@/app/api/v1/credentials/[id]/test/route";
import * as usage from "@/app/api/v1/credentials/[id]/usage/route";
import * as execution from "@/app/api/v1/executions/[id]/route";
import * as workflows from "@/app/api/v1/workflows/route";
import * as knowledgeBases from "@/app/api/v1/knowledge-bases/route";
import * as workflow from "@/app/api/v1/workflows/[id]/route";
import * as start from "@/app/api/v1/workflows/[id]/executions/route";
import * as publish from "@/app/api/v1/workflows/[id]/publish/route";

type As = { cookie: string } | { apiKey: string };

let fake: Awaited<ReturnType<typeof startFakeLlmServer>>;
beforeAll(async () => {
  fake = await startFakeLlmServer({ reply: (prompt) => `Answer to ${prompt}` });
  // The operator's endpoints (trusted) point at the fake; user-chosen base URLs on 127.0.0.1 are
  // allowed by the outbound policy only because AGENTRY_HTTP_ALLOW lists it.
  process.env.OPENAI_BASE_URL = fake.openaiBaseUrl;
  process.env.ANTHROPIC_BASE_URL = fake.anthropicBaseUrl;
  process.env.AGENTRY_HTTP_ALLOW = "127.0.0.1";
});
afterAll(() => fake.stop());

const create = (as: As, body: Record<string, unknown>) => call(credentials.POST, { as, body });
const runTest = (as: As, id: string) => call(test.POST, { method: "POST", as, params: { id } });
const agent = (credentialId: string, extra: Record<string, unknown> = {}) => gnode("writer", "ai.agent", { provider: "openai", model: "gpt-4o-mini", credentialId, prompt: "{{ input.topic }}", ...extra });

async function waitForEnd(as: As, id: string) {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const result = await call(execution.GET, { as, params: { id } });
    if (["completed", "failed", "cancelled"].includes(result.body.status)) return result.body;
    if (Date.now() > deadline) throw new Error(`execution ${id} still ${result.body.status}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("credentials", () => {
  it("test a wrong key (401), rotate it, test again (ok) — secrets never come back", async () => {
    const { owner } = await createTeam();
    const created = await create(owner, { name: "OpenAI", provider: "openai", secret: "sk-wrong-key" });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: "OpenAI", provider: "openai", baseUrl: null, lastUsedAt: null, rotatedAt: null });

    const refused = await runTest(owner, created.body.id);
    expect(refused.status).toBe(200);
    expect(refused.body).toMatchObject({ ok: false, reason: "unauthorized", status: 401 });
    expect(refused.body.message).toMatch(/refused the key \(401\)/);
    expect(fake.requests.at(-1)).toMatchObject({ api: "openai", path: "/v1/models" });

    const rotated = await call(credential.PATCH, { method: "PATCH", as: owner, params: { id: created.body.id }, body: { secret: "sk-openai-test" } });
    expect(rotated.status).toBe(200);
    expect(rotated.body.rotatedAt).not.toBeNull();
    const works = await runTest(owner, created.body.id);
    expect(works.body).toMatchObject({ ok: true, models: 2 });
    expect(works.body.message).toMatch(/the key works/);

    const everything = JSON.stringify([created.body, refused.body, rotated.body, works.body, (await call(credentials.GET, { as: owner })).body]);
    expect(everything).not.toContain("sk-wrong-key");
    expect(everything).not.toContain("sk-openai-test");
    const log = await call(activity.GET, { as: owner, query: { action: "credential." } });
    expect(log.body.items.map((entry: { action: string }) => entry.action)).toEqual(["credential.rotated", "credential.created"]);
    expect(JSON.stringify(log.body)).not.toContain("sk-");
  });

  it("test Anthropic keys and OpenAI-compatible base URLs: 404 on a wrong base URL, blocked private addresses, unreachable servers", async () => {
    const { owner } = await createTeam();
    const anthropic = await create(owner, { name: "Claude", provider: "anthropic", secret: "sk-ant-test" });
    expect((await runTest(owner, anthropic.body.id)).body).toMatchObject({ ok: true, models: 2 });
    const wrongAnthropic = await create(owner, { name: "Claude 2", provider: "anthropic", secret: "sk-ant-nope" });
    expect((await runTest(owner, wrongAnthropic.body.id)).body).toMatchObject({ ok: false, reason: "unauthorized", status: 401 });

    // No key needed for a local server; the base URL is the credential's.
    const local = await create(owner, { name: "Ollama", provider: "openai-compatible", baseUrl: fake.openaiBaseUrl });
    expect(local.status).toBe(201);
    expect(local.body.baseUrl).toBe(fake.openaiBaseUrl);
    expect((await runTest(owner, local.body.id)).body).toMatchObject({ ok: true });

    const missingV1 = await create(owner, { name: "No v1", provider: "openai-compatible", baseUrl: `${fake.url}/nothing`, secret: "" });
    const notFound = await runTest(owner, missingV1.body.id);
    expect(notFound.body).toMatchObject({ ok: false, reason: "not_found", status: 404 });
    expect(notFound.body.message).toMatch(/check the base URL/);
    expect(notFound.body.message).not.toContain("no route");

    const internal = await create(owner, { name: "Internal", provider: "openai-compatible", baseUrl: "http://10.20.30.40:11434/v1" });
    const blocked = await runTest(owner, internal.body.id);
    expect(blocked.body).toMatchObject({ ok: false, reason: "blocked" });
    expect(blocked.body.message).toMatch(/blocked/);

    const closed = await create(owner, { name: "Closed", provider: "openai-compatible", baseUrl: "http://127.0.0.1:9/v1" });
    expect((await runTest(owner, closed.body.id)).body).toMatchObject({ ok: false, reason: "unreachable" });

    const token = await create(owner, { name: "Token", provider: "http", secret: "t0ken" });
    const untestable = await runTest(owner, token.body.id);
    expect(untestable.status).toBe(409);
    expect(untestable.body.detail).toMatch(/Only model credentials/);
  });

  it("validates provider rules on create and update", async () => {
    const { owner } = await createTeam();
    const errorsOf = (result: { body: { errors?: { path: string }[] } }) => result.body.errors?.map((error) => error.path);
    expect(errorsOf(await create(owner, { name: "A", provider: "openai-compatible" }))).toEqual(["body.baseUrl"]);
    expect(errorsOf(await create(owner, { name: "B", provider: "openai" }))).toEqual(["body.secret"]);
    expect(errorsOf(await create(owner, { name: "C", provider: "http", secret: "x", baseUrl: "https://api.example.com" }))).toEqual(["body.baseUrl"]);
    expect(errorsOf(await create(owner, { name: "D", provider: "openai", secret: "x", baseUrl: "file:///etc/passwd" }))).toEqual(["body.baseUrl"]);
    expect(errorsOf(await create(owner, { name: "E", provider: "openai", secret: "x", baseUrl: "https://user:pw@api.example.com" }))).toEqual(["body.baseUrl"]);

    const local = await create(owner, { name: "Local", provider: "openai-compatible", baseUrl: "http://localhost:11434/v1" });
    const patch = (id: string, body: unknown) => call(credential.PATCH, { method: "PATCH", as: owner, params: { id }, body });
    expect((await patch(local.body.id, { baseUrl: null })).status).toBe(400);
    expect((await patch(local.body.id, {})).status).toBe(400);
    expect((await patch(local.body.id, { secret: "" })).status).toBe(400);
    const renamed = await patch(local.body.id, { name: "vLLM", baseUrl: "http://localhost:8000/v1" });
    expect(renamed.body).toMatchObject({ name: "vLLM", baseUrl: "http://localhost:8000/v1", rotatedAt: null });
    const other = await create(owner, { name: "Other", provider: "openai", secret: "x" });
    expect((await patch(other.body.id, { name: "vLLM" })).status).toBe(409);
    expect((await patch(other.body.id, { baseUrl: "https://proxy.example.com/v1" })).body.baseUrl).toBe("https://proxy.example.com/v1");
    expect((await patch(other.body.id, { baseUrl: null })).body.baseUrl).toBeNull();
  });

  it("list the workflows using a credential; deleting one in use is refused (409, naming them) unless forced", async () => {
    const { owner } = await createTeam();
    const key = await create(owner, { name: "OpenAI", provider: "openai", secret: "sk-openai-test" });
    const spare = await create(owner, { name: "Spare", provider: "openai", secret: "sk-openai-test" });
    const flow = await call(workflows.POST, { as: owner, body: { name: "Support triage", graph: ggraph([gnode("start", "trigger.manual"), agent(key.body.id)], [gedge("start", "writer")]) } });
    expect((await call(publish.POST, { as: owner, params: { id: flow.body.id }, body: {} })).status).toBe(201);
    // The draft moves on to the spare credential; the active version still uses the first one.
    await call(workflow.PATCH, { method: "PATCH", as: owner, params: { id: flow.body.id }, body: { graph: ggraph([gnode("start", "trigger.manual"), agent(spare.body.id)], [gedge("start", "writer")]) } });

    const used = await call(usage.GET, { as: owner, params: { id: key.body.id } });
    expect(used.body.items).toEqual([{ credentialId: key.body.id, workflowId: flow.body.id, workflowName: "Support triage", draftNodeIds: [], activeNodeIds: ["writer"] }]);
    const listed = (await call(credentials.GET, { as: owner })).body.items;
    expect(listed.find((item: { id: string }) => item.id === spare.body.id).usedBy).toEqual([{ workflowId: flow.body.id, workflowName: "Support triage" }]);

    const refused = await call(credential.DELETE, { method: "DELETE", as: owner, params: { id: key.body.id } });
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toMatch(/used by the workflow "Support triage"/);
    expect((await call(credential.DELETE, { method: "DELETE", as: owner, params: { id: key.body.id }, query: { force: "false" } })).status).toBe(409);
    expect((await call(credential.DELETE, { method: "DELETE", as: owner, params: { id: key.body.id }, query: { force: "true" } })).status).toBe(204);
    const log = await call(activity.GET, { as: owner, query: { action: "credential.deleted" } });
    expect(log.body.items[0].data).toEqual({ name: "OpenAI", usedBy: [flow.body.id] });

    const unused = await create(owner, { name: "Unused", provider: "http", secret: "x" });
    expect((await call(usage.GET, { as: owner, params: { id: unused.body.id } })).body.items).toEqual([]);
    expect((await call(credential.DELETE, { method: "DELETE", as: owner, params: { id: unused.body.id } })).status).toBe(204);
  });

  it("an agent's HTTP tool that names a credential is a use too: listed, and deleting it is refused unless forced", async () => {
    const { owner } = await createTeam();
    const model = await create(owner, { name: "Model", provider: "openai", secret: "sk-openai-test" });
    const toolKey = await create(owner, { name: "Orders API", provider: "http", secret: "orders-secret" });
    const tools = [{ type: "http", methods: ["GET"], urlPrefix: "https://orders.example.com/", credentialId: toolKey.body.id }];
    const flow = await call(workflows.POST, { as: owner, body: { name: "Order desk", graph: ggraph([gnode("start", "trigger.manual"), agent(model.body.id, { tools })], [gedge("start", "writer")]) } });
    expect(flow.status, JSON.stringify(flow.body)).toBe(201);

    expect((await call(usage.GET, { as: owner, params: { id: toolKey.body.id } })).body.items).toEqual([{ credentialId: toolKey.body.id, workflowId: flow.body.id, workflowName: "Order desk", draftNodeIds: ["writer"], activeNodeIds: [] }]);
    const listed = (await call(credentials.GET, { as: owner })).body.items;
    expect(listed.find((item: { id: string }) => item.id === toolKey.body.id).usedBy).toEqual([{ workflowId: flow.body.id, workflowName: "Order desk" }]);
    const refused = await call(credential.DELETE, { method: "DELETE", as: owner, params: { id: toolKey.body.id } });
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toMatch(/"Orders API" is used by the workflow "Order desk"/);
    expect((await call(credential.DELETE, { method: "DELETE", as: owner, params: { id: toolKey.body.id }, query: { force: "true" } })).status).toBe(204);
  });

  it("a knowledge base that embeds with a credential is a use too: listed, and deleting it is refused unless forced", async () => {
    const { owner } = await createTeam();
    const key = await create(owner, { name: "Embeddings", provider: "openai", secret: "sk-openai-test" });
    const base = await call(knowledgeBases.POST, { as: owner, body: { name: "Handbook", embeddingCredentialId: key.body.id, embeddingModel: "text-embedding-3-small", embeddingDimensions: 8 } });
    expect(base.status, JSON.stringify(base.body)).toBe(201);

    expect((await call(usage.GET, { as: owner, params: { id: key.body.id } })).body).toEqual({ items: [], knowledgeBases: [{ knowledgeBaseId: base.body.id, name: "Handbook" }] });
    const listed = (await call(credentials.GET, { as: owner })).body.items.find((item: { id: string }) => item.id === key.body.id);
    expect(listed).toMatchObject({ usedBy: [], usedByKnowledgeBases: [{ knowledgeBaseId: base.body.id, name: "Handbook" }] });
    // Another workspace's knowledge bases never show here.
    const other = await createTeam();
    expect((await call(usage.GET, { as: other.owner, params: { id: key.body.id } })).status).toBe(404);

    const refused = await call(credential.DELETE, { method: "DELETE", as: owner, params: { id: key.body.id } });
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toMatch(/"Embeddings" is used by the knowledge base "Handbook"/);
    expect((await call(credential.DELETE, { method: "DELETE", as: owner, params: { id: key.body.id }, query: { force: "true" } })).status).toBe(204);
    const log = await call(activity.GET, { as: owner, query: { action: "credential.deleted" } });
    expect(log.body.items[0].data).toEqual({ name: "Embeddings", usedByKnowledgeBases: [base.body.id] });
  });

  it("agent runs use the credential's base URL and record when it was last used (not as an edit)", async () => {
    const { owner } = await createTeam();
    const local = await create(owner, { name: "Local", provider: "openai-compatible", baseUrl: fake.openaiBaseUrl });
    const flow = await call(workflows.POST, { as: owner, body: { name: "Local agent", graph: ggraph([gnode("start", "trigger.manual"), agent(local.body.id, { provider: "openai-compatible", model: "llama3.2" })], [gedge("start", "writer")]) } });
    await call(publish.POST, { as: owner, params: { id: flow.body.id }, body: {} });
    const before = await getDb().credential.findUniqueOrThrow({ where: { id: local.body.id } });
    const run = await call(start.POST, { as: owner, params: { id: flow.body.id }, body: { input: { topic: "tides" } } });
    const done = await waitForEnd(owner, run.body.id);
    expect(done.status, JSON.stringify(done.error)).toBe("completed");
    expect(done.nodeRuns.find((nodeRun: { nodeId: string }) => nodeRun.nodeId === "writer").output.text).toBe("Answer to tides");
    const after = await getDb().credential.findUniqueOrThrow({ where: { id: local.body.id } });
    expect(after.lastUsedAt).not.toBeNull();
    expect(after.updatedAt.getTime()).toBe(before.updatedAt.getTime());
    const listed = (await call(credentials.GET, { as: owner })).body.items[0];
    expect(listed.lastUsedAt).not.toBeNull();
  });

  it("a run whose credential was deleted fails with a readable error", async () => {
    const { owner } = await createTeam();
    const key = await create(owner, { name: "Gone", provider: "openai", secret: "sk-openai-test" });
    const flow = await call(workflows.POST, { as: owner, body: { name: "Orphan", graph: ggraph([gnode("start", "trigger.manual"), agent(key.body.id)], [gedge("start", "writer")]) } });
    await call(publish.POST, { as: owner, params: { id: flow.body.id }, body: {} });
    await call(credential.DELETE, { method: "DELETE", as: owner, params: { id: key.body.id }, query: { force: "true" } });
    const run = await call(start.POST, { as: owner, params: { id: flow.body.id }, body: { input: { topic: "x" } } });
    const done = await waitForEnd(owner, run.body.id);
    expect(done.status).toBe("failed");
    expect(done.error).toMatch(/credential no longer exists/);
  });
});

describe("credential roles", () => {
  it("editors and viewers see names and providers only, and may not test, rotate, list usage or delete", async () => {
    const team = await createTeam(["admin", "editor", "viewer"]);
    const [admin, editor, viewer] = team.members;
    const made = await create(admin!, { name: "Key", provider: "openai-compatible", baseUrl: "http://localhost:11434/v1", secret: "abc" });
    expect(made.status).toBe(201);
    const id = made.body.id as string;
    for (const member of [editor!, viewer!]) {
      const listed = await call(credentials.GET, { as: member });
      expect(listed.status).toBe(200);
      expect(Object.keys(listed.body.items[0]).sort()).toEqual(["createdAt", "id", "name", "provider", "updatedAt"]);
      for (const result of [
        await create(member, { name: "Mine", provider: "http", secret: "x" }),
        await call(credential.PATCH, { method: "PATCH", as: member, params: { id }, body: { secret: "new" } }),
        await call(credential.DELETE, { method: "DELETE", as: member, params: { id } }),
        await runTest(member, id),
        await call(usage.GET, { as: member, params: { id } }),
      ]) {
        expect(result.status).toBe(403);
      }
    }
    const asAdmin = await call(credentials.GET, { as: admin! });
    expect(asAdmin.body.items[0]).toMatchObject({ baseUrl: "http://localhost:11434/v1", lastUsedAt: null, usedBy: [] });
    expect((await call(credential.PATCH, { method: "PATCH", as: admin!, params: { id }, body: { secret: "new" } })).status).toBe(200);
    expect((await call(usage.GET, { as: admin!, params: { id } })).status).toBe(200);
  });

  it("without credentials every credential route answers 401", async () => {
    const { owner } = await createTeam();
    const made = await create(owner, { name: "Key", provider: "http", secret: "x" });
    const as = { cookie: "" };
    for (const result of [
      await call(credentials.GET, { as }),
      await create(as, { name: "x", provider: "http", secret: "x" }),
      await call(credential.PATCH, { method: "PATCH", as, params: { id: made.body.id }, body: { secret: "y" } }),
      await call(credential.DELETE, { method: "DELETE", as, params: { id: made.body.id } }),
      await runTest(as, made.body.id),
      await call(usage.GET, { as, params: { id: made.body.id } }),
    ]) {
      expect(result.status).toBe(401);
    }
  });
});

describe("another workspace's credentials answer 404", () => {
  async function twoTeams() {
    const mine = await createTeam();
    const theirs = await createTeam();
    const theirCredential = (await create(theirs.owner, { name: "Theirs", provider: "openai", secret: "sk-openai-test" })).body;
    // Their workflow names my credential's id: it must not count as a use of mine.
    const myCredential = (await create(mine.owner, { name: "Mine", provider: "openai", secret: "sk-openai-test" })).body;
    await call(workflows.POST, { as: theirs.owner, body: { name: "Borrower", graph: ggraph([gnode("start", "trigger.manual"), agent(myCredential.id)], [gedge("start", "writer")]) } });
    const myKey = (await call(apiKeys.POST, { as: mine.owner, body: { name: "mine", role: "admin" } })).body.key as string;
    return { mine, theirs, theirCredential, myCredential, myKey };
  }

  for (const via of ["session", "API key"] as const) {
    it(`through ${via === "session" ? "a session" : "an API key"}`, async () => {
      const { mine, theirs, theirCredential, myCredential, myKey } = await twoTeams();
      const as: As = via === "session" ? mine.owner : { apiKey: myKey };
      const id = theirCredential.id as string;
      for (const result of [
        await call(credential.PATCH, { method: "PATCH", as, params: { id }, body: { secret: "stolen" } }),
        await call(credential.DELETE, { method: "DELETE", as, params: { id }, query: { force: "true" } }),
        await runTest(as, id),
        await call(usage.GET, { as, params: { id } }),
      ]) {
        expect(result.status).toBe(404);
        expect(result.headers.get("content-type")).toBe("application/problem+json");
      }
      expect((await call(credentials.GET, { as })).body.items.map((item: { id: string }) => item.id)).toEqual([myCredential.id]);
      expect((await call(usage.GET, { as, params: { id: myCredential.id } })).body.items).toEqual([]);
      // Untouched: same name, same secret, still there.
      const stored = await getDb().credential.findUniqueOrThrow({ where: { id } });
      expect(stored).toMatchObject({ name: "Theirs", rotatedAt: null });
      expect((await runTest(theirs.owner, id)).body.ok).toBe(true);
    });
  }
});
