// Integration-test helpers: seed through lib/ and the database, call route handlers with real
// Request objects (session cookie or API key), read emails from the dev outbox.
import crypto from "node:crypto";
import type { Role } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";
import { createWorkspace } from "@/lib/workspaces/create-workspace";
import { asJson, gedge, ggraph, gnode } from "@/scripts/testing/workflow-fixtures";

export type TestUser = { id: string; email: string; cookie: string };

export function uniqueEmail(label = "user"): string {
  return `${label}-${crypto.randomUUID().slice(0, 8)}@example.test`;
}

/** A user with a live database session, as after a magic-link sign-in. */
export async function createSignedInUser(email = uniqueEmail()): Promise<TestUser> {
  const sessionToken = crypto.randomUUID();
  const user = await getDb().user.create({
    data: { email, emailVerified: new Date(), sessions: { create: { sessionToken, expires: new Date(Date.now() + 86_400_000) } } },
  });
  return { id: user.id, email, cookie: `authjs.session-token=${sessionToken}` };
}

/** A workspace owned by a new user, plus one member per requested role. */
export async function createTeam(roles: Role[] = []) {
  const owner = await createSignedInUser(uniqueEmail("owner"));
  const workspace = await createWorkspace({ name: `Team ${crypto.randomUUID().slice(0, 6)}`, ownerId: owner.id });
  const members: (TestUser & { role: Role })[] = [];
  for (const role of roles) {
    const member = await createSignedInUser(uniqueEmail(role));
    await getDb().membership.create({ data: { workspaceId: workspace.id, userId: member.id, role } });
    await getDb().user.update({ where: { id: member.id }, data: { activeWorkspaceId: workspace.id } });
    members.push({ ...member, role });
  }
  return { workspace, owner, members };
}

type Handler = (request: Request, context?: { params?: Promise<Record<string, string>> }) => Promise<Response>;

export type CallOptions = {
  /** The handler's HTTP method; by default POST with a body, GET without. */
  method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  as?: { cookie: string } | { apiKey: string };
  body?: unknown;
  params?: Record<string, string>;
  headers?: Record<string, string>;
  query?: Record<string, string>;
};

/** Invokes a route handler the way Next.js does, and decodes the JSON answer (other bodies as text). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests assert on the JSON shape
export async function call(handler: Handler, options: CallOptions = {}): Promise<{ status: number; body: any; headers: Headers }> {
  const headers = new Headers(options.headers);
  if (options.as && "cookie" in options.as) headers.set("cookie", options.as.cookie);
  if (options.as && "apiKey" in options.as) headers.set("authorization", `Bearer ${options.as.apiKey}`);
  let body: string | undefined;
  if (options.body !== undefined) {
    headers.set("content-type", "application/json");
    body = JSON.stringify(options.body);
  }
  const url = new URL("http://agentry.test/api/v1/x");
  for (const [key, value] of Object.entries(options.query ?? {})) url.searchParams.set(key, value);
  const method = options.method ?? (body === undefined ? "GET" : "POST");
  const response = await handler(new Request(url, { method, headers, body }), { params: Promise.resolve(options.params ?? {}) });
  const text = await response.text();
  const isJson = /json/.test(response.headers.get("content-type") ?? "application/json");
  return { status: response.status, body: text ? (isJson ? JSON.parse(text) : text) : null, headers: response.headers };
}

/** The token from the newest invitation email to `email` in the dev outbox. */
export async function invitationTokenFromOutbox(email: string): Promise<string> {
  const message = await getDb().outboxEmail.findFirst({ where: { to: email }, orderBy: { createdAt: "desc" } });
  const match = message?.text.match(/\/invite\/([A-Za-z0-9_-]+)/);
  if (!match) throw new Error(`no invitation email to ${email} in the outbox`);
  return match[1]!;
}

/**
 * A running execution of a published manual → output workflow in a new team, stored directly
 * (no worker runs it): for tests of waits, event sinks and streams. `lease` marks it as held.
 */
export async function createRunningExecution({ lease = false }: { lease?: boolean } = {}) {
  const { workspace } = await createTeam();
  const graph = asJson(ggraph([gnode("start", "trigger.manual"), gnode("out", "flow.output", { value: "ok" })], [gedge("start", "out")]));
  const db = getDb();
  const workflow = await db.workflow.create({ data: { workspaceId: workspace.id, name: "Running", graph, activeVersion: 1 } });
  const version = await db.workflowVersion.create({ data: { workflowId: workflow.id, version: 1, graph } });
  return db.execution.create({
    data: { workspaceId: workspace.id, workflowId: workflow.id, versionId: version.id, version: 1, status: "running", ...(lease ? { leaseOwner: "test", leaseExpiresAt: new Date(Date.now() + 3600_000) } : {}) },
  });
}
