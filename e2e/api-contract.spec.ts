import { expect, test, type APIRequestContext, type APIResponse, type Browser } from "@playwright/test";
import { OPERATIONS } from "../lib/openapi/build-openapi-document";
import { POSTGRES_SERVER } from "../playwright.config";
import { signInWithEmail, uniqueEmail } from "./support/mail";

// The REST contract through real HTTP against the production server: every documented endpoint
// answers, and bad input — no credentials, malformed or wrong-typed JSON, huge bodies, unknown
// ids, another workspace's ids — gets a 4xx problem+json, never a 500.

type Team = { session: APIRequestContext; key: APIRequestContext; userId: string };

async function team(browser: Browser, label: string): Promise<Team> {
  const context = await browser.newContext({ baseURL: POSTGRES_SERVER });
  const page = await context.newPage();
  await signInWithEmail(page, uniqueEmail(label));
  const created = await page.request.post("/api/v1/api-keys", { data: { name: `${label} key`, role: "admin" } });
  expect(created.status()).toBe(201);
  const { key } = await created.json();
  const members = await (await page.request.get("/api/v1/members")).json();
  const { request } = await import("@playwright/test");
  return {
    session: page.request,
    key: await request.newContext({ baseURL: POSTGRES_SERVER, extraHTTPHeaders: { authorization: `Bearer ${key}` } }),
    userId: members.items[0].userId,
  };
}

async function problem(response: APIResponse, status: number) {
  expect(response.status(), `${response.url()} → ${await response.text()}`).toBe(status);
  expect(response.headers()["content-type"]).toBe("application/problem+json");
  const body = await response.json();
  expect(body).toMatchObject({ status, title: expect.any(String), type: expect.any(String) });
  return body;
}

const graph = {
  nodes: [
    { id: "start", type: "trigger.manual", position: { x: 0, y: 0 }, data: { config: {} } },
    { id: "hook", type: "trigger.webhook", position: { x: 0, y: 0 }, data: { config: {} } },
    { id: "review", type: "human.approval", position: { x: 0, y: 0 }, data: { config: {} } },
    { id: "out", type: "flow.output", position: { x: 0, y: 0 }, data: { config: { name: "echo", value: "{{ input.text }}" } } },
  ],
  edges: [
    { id: "e1", source: "start", target: "review" },
    { id: "e2", source: "review", target: "out", sourceHandle: "approved" },
    { id: "e3", source: "hook", target: "out" },
  ],
};

test.describe.configure({ mode: "serial" });

test("every endpoint works through real HTTP, and refuses bad input with problem+json", async ({ browser, request }) => {
  test.setTimeout(120_000);
  const a = await team(browser, "contract-a");
  const b = await team(browser, "contract-b");

  // --- happy paths, one call per endpoint at least ---
  expect((await request.get("/api/health")).status()).toBe(200);
  expect((await request.get("/api/health/ready")).status()).toBe(200);
  const spec = await request.get("/api/openapi.json");
  expect((await spec.json()).openapi).toBe("3.1.0");

  const workflows: string[] = [];
  for (const name of ["One", "Two", "Three"]) {
    const created = await a.key.post("/api/v1/workflows", { data: { name, graph } });
    expect(created.status()).toBe(201);
    workflows.push((await created.json()).id);
  }
  const firstPage = await (await a.key.get("/api/v1/workflows?limit=2")).json();
  expect(firstPage.items).toHaveLength(2);
  const secondPage = await (await a.key.get(`/api/v1/workflows?limit=2&cursor=${firstPage.nextCursor}`)).json();
  expect([...firstPage.items, ...secondPage.items].map((w: { id: string }) => w.id).sort()).toEqual([...workflows].sort());
  expect(secondPage.nextCursor).toBeNull();

  const id = workflows[0]!;
  expect((await a.key.get(`/api/v1/workflows/${id}`)).status()).toBe(200);
  expect((await a.key.patch(`/api/v1/workflows/${id}`, { data: { description: "contract" } })).status()).toBe(200);
  expect((await a.key.post(`/api/v1/workflows/${id}/publish`, { data: {} })).status()).toBe(201);
  expect((await (await a.key.get(`/api/v1/workflows/${id}/versions`)).json()).items).toHaveLength(1);
  const hooks = (await (await a.key.get(`/api/v1/workflows/${id}/triggers`)).json()).items;
  const hookRun = await request.post(`/api/v1/hooks/${hooks[0].id}?wait=true`, { headers: { "x-agentry-secret": hooks[0].secret }, data: { text: "via hook" } });
  expect(await hookRun.json()).toMatchObject({ status: "completed" });

  const started = await a.key.post(`/api/v1/workflows/${id}/executions`, { data: { input: { text: "hello" }, idempotencyKey: "contract-1" } });
  expect(started.status()).toBe(202);
  const run = await started.json();
  await expect.poll(async () => (await (await a.key.get(`/api/v1/executions/${run.id}`)).json()).status).toBe("waiting");
  expect((await a.key.post(`/api/v1/executions/${run.id}/approvals/review`, { data: { approved: true } })).status()).toBe(200);
  await expect.poll(async () => (await (await a.key.get(`/api/v1/executions/${run.id}`)).json()).status).toBe("completed");
  const stream = await a.key.get(`/api/v1/executions/${run.id}/events`);
  expect(stream.headers()["content-type"]).toContain("text/event-stream");
  const ids = [...(await stream.text()).matchAll(/^id: (\d+)$/gm)].map((match) => Number(match[1]));
  expect(ids).toEqual(ids.map((_, index) => index + 1));
  expect((await (await a.key.get(`/api/v1/executions?workflowId=${id}&status=completed`)).json()).items.map((e: { id: string }) => e.id)).toContain(run.id);

  const cancellable = await (await a.key.post(`/api/v1/workflows/${id}/executions`, { data: {} })).json();
  await expect.poll(async () => (await (await a.key.get(`/api/v1/executions/${cancellable.id}`)).json()).status).toBe("waiting");
  expect((await a.key.post(`/api/v1/executions/${cancellable.id}/cancel`)).status()).toBe(202);
  await expect.poll(async () => (await (await a.key.get(`/api/v1/executions/${cancellable.id}`)).json()).status).toBe("cancelled");

  expect((await (await a.key.get("/api/v1/nodes")).json()).items.length).toBeGreaterThan(10);
  const credential = await (await a.key.post("/api/v1/credentials", { data: { name: "Token", provider: "http", secret: "s3cret-value" } })).json();
  expect(JSON.stringify(await (await a.key.get("/api/v1/credentials")).json())).not.toContain("s3cret-value");
  expect((await a.key.patch(`/api/v1/credentials/${credential.id}`, { data: { secret: "rotated-value" } })).status()).toBe(200);
  expect((await (await a.key.get(`/api/v1/credentials/${credential.id}/usage`)).json()).items).toEqual([]);
  expect((await a.key.post(`/api/v1/credentials/${credential.id}/test`)).status()).toBe(409);
  const modelKey = await (await a.key.post("/api/v1/credentials", { data: { name: "OpenAI", provider: "openai", secret: "sk-not-this-one" } })).json();
  expect(await (await a.key.post(`/api/v1/credentials/${modelKey.id}/test`)).json()).toMatchObject({ ok: false, status: 401 });
  expect((await a.key.delete(`/api/v1/credentials/${modelKey.id}`)).status()).toBe(204);
  expect((await a.key.delete(`/api/v1/credentials/${credential.id}`)).status()).toBe(204);
  const invitation = await (await a.key.post("/api/v1/invitations", { data: { email: uniqueEmail("invitee"), role: "viewer" } })).json();
  expect((await a.key.post(`/api/v1/invitations/${invitation.id}/resend`)).status()).toBe(200);
  expect((await (await a.key.get("/api/v1/invitations")).json()).items).toHaveLength(1);
  expect((await a.key.delete(`/api/v1/invitations/${invitation.id}`)).status()).toBe(204);
  const spare = await (await a.key.post("/api/v1/api-keys", { data: { name: "spare", role: "viewer" } })).json();
  expect((await a.key.delete(`/api/v1/api-keys/${spare.id}`)).status()).toBe(204);
  expect((await (await a.key.get("/api/v1/activity?limit=5")).json()).items).toHaveLength(5);
  expect((await a.key.delete(`/api/v1/workflows/${workflows[2]}`)).status()).toBe(204);
  const workspaces = (await (await a.session.get("/api/v1/workspaces")).json()).items;
  const spareWorkspace = await (await a.session.post("/api/v1/workspaces", { data: { name: "Spare" } })).json();
  expect((await a.session.patch(`/api/v1/workspaces/${spareWorkspace.id}`, { data: { name: "Renamed" } })).status()).toBe(200);
  expect((await a.session.get(`/api/v1/workspaces/${spareWorkspace.id}`)).status()).toBe(200);
  expect((await a.session.delete(`/api/v1/workspaces/${spareWorkspace.id}`)).status()).toBe(204);
  expect((await a.session.put("/api/v1/workspaces/active", { data: { workspaceId: workspaces[0].id } })).status()).toBe(200);

  // --- bad input on every documented endpoint ---
  const unknown = "does-not-exist";
  for (const operation of OPERATIONS) {
    const path = operation.path.replace(/\{\w+\}/g, unknown);
    const call = (context: APIRequestContext, init: Parameters<APIRequestContext["fetch"]>[1] = {}) => context.fetch(path, { method: operation.method.toUpperCase(), ...init });
    if (operation.access !== "public" && operation.access !== "webhook secret") {
      await problem(await call(request, operation.body ? { data: {} } : {}), 401);
    }
    const caller = operation.access === "signed in" || operation.path.startsWith("/api/v1/workspaces") ? a.session : a.key;
    if (operation.body) {
      await problem(await call(caller, { headers: { "content-type": "application/json" }, data: "{ not json" }), 400);
      await problem(await call(caller, { data: [1, 2, 3] }), 400);
      await problem(await call(caller, { headers: { "content-type": "text/plain" }, data: "hello" }), 415);
      await problem(await call(caller, { data: { padding: "x".repeat(1_100_000) } }), 413);
    }
    if (operation.path.includes("{") && operation.access !== "public") {
      const response = await call(caller, operation.body ? { data: validBodyFor(operation.path) } : {});
      expect([401, 404], `${operation.method} ${path}`).toContain(response.status());
      expect(response.headers()["content-type"]).toBe("application/problem+json");
    }
  }

  // --- another workspace's ids are 404 ---
  const theirs = await (await b.key.post("/api/v1/workflows", { data: { name: "Theirs", graph } })).json();
  await b.key.post(`/api/v1/workflows/${theirs.id}/publish`, { data: {} });
  const theirRun = await (await b.key.post(`/api/v1/workflows/${theirs.id}/executions`, { data: {} })).json();
  const theirInvite = await (await b.key.post("/api/v1/invitations", { data: { email: uniqueEmail("x"), role: "viewer" } })).json();
  const theirCredential = await (await b.key.post("/api/v1/credentials", { data: { name: "Theirs", provider: "http", secret: "zzz" } })).json();
  for (const response of await Promise.all([
    a.key.get(`/api/v1/workflows/${theirs.id}`),
    a.key.patch(`/api/v1/workflows/${theirs.id}`, { data: { name: "mine" } }),
    a.key.post(`/api/v1/workflows/${theirs.id}/publish`, { data: {} }),
    a.key.get(`/api/v1/workflows/${theirs.id}/versions`),
    a.key.get(`/api/v1/workflows/${theirs.id}/triggers`),
    a.key.post(`/api/v1/workflows/${theirs.id}/executions`, { data: {} }),
    a.key.get(`/api/v1/executions/${theirRun.id}`),
    a.key.get(`/api/v1/executions/${theirRun.id}/events`),
    a.key.post(`/api/v1/executions/${theirRun.id}/cancel`),
    a.key.post(`/api/v1/executions/${theirRun.id}/replay`, { data: { fromNodeId: graph.nodes[0]!.id } }),
    a.key.post(`/api/v1/workflows/${theirs.id}/nodes/${graph.nodes[0]!.id}/test`, { data: {} }),
    a.key.post(`/api/v1/executions/${theirRun.id}/approvals/review`, { data: { approved: true } }),
    a.key.delete(`/api/v1/invitations/${theirInvite.id}`),
    a.key.post(`/api/v1/invitations/${theirInvite.id}/resend`),
    a.key.delete(`/api/v1/credentials/${theirCredential.id}`),
    a.key.patch(`/api/v1/credentials/${theirCredential.id}`, { data: { secret: "mine now" } }),
    a.key.get(`/api/v1/credentials/${theirCredential.id}/usage`),
    a.key.post(`/api/v1/credentials/${theirCredential.id}/test`),
    a.key.patch(`/api/v1/members/${b.userId}`, { data: { role: "viewer" } }),
    a.key.delete(`/api/v1/members/${b.userId}`),
    a.key.delete(`/api/v1/workflows/${theirs.id}`),
  ])) {
    await problem(response, 404);
  }
  expect((await b.key.get(`/api/v1/workflows/${theirs.id}`)).status()).toBe(200);
});

/** A body that passes validation, so the unknown id is what gets refused. */
function validBodyFor(path: string): unknown {
  if (path.includes("/members/")) return { role: "viewer" };
  if (path.includes("/credentials/")) return { secret: "x" };
  if (path.includes("/mcp-connections/")) return { name: "x" };
  if (path.includes("/approvals/")) return { approved: true };
  if (path.includes("/knowledge-bases/") && path.endsWith("/search")) return { query: "x" };
  if (path.includes("/knowledge-bases/") && path.endsWith("/documents")) return { text: "x", name: "x" };
  if (path.includes("/transfer")) return { userId: "nobody" };
  if (path.includes("/workspaces/")) return { name: "x" };
  if (path.includes("/workflows/") && path.includes("/triggers/")) return { enabled: true };
  if (path.endsWith("/replay")) return { fromNodeId: "x" };
  if (path.includes("/nodes/") && path.endsWith("/test")) return {};
  if (path.includes("/workflows/") && path.endsWith("/executions")) return {};
  if (path.includes("/workflows/")) return { name: "x" };
  return {};
}
