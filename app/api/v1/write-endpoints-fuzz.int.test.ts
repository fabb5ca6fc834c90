import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { call, createTeam, uniqueEmail } from "@/scripts/testing/fixtures";
import { gedge, ggraph, gnode } from "@/scripts/testing/workflow-fixtures";
import * as apiKey from "@/app/api/v1/api-keys/[id]/route";
import * as apiKeys from "@/app/api/v1/api-keys/route";
import * as credential from "@/app/api/v1/credentials/[id]/route";
import * as credentials from "@/app/api/v1/credentials/route";
import * as credentialTest from "@/app/api/v1/credentials/[id]/test/route";
import * as approval from "@/app/api/v1/executions/[id]/approvals/[nodeId]/route";
import * as cancel from "@/app/api/v1/executions/[id]/cancel/route";
import * as execution from "@/app/api/v1/executions/[id]/route";
import * as retry from "@/app/api/v1/executions/[id]/retry/route";
import * as replay from "@/app/api/v1/executions/[id]/replay/route";
import * as testNode from "@/app/api/v1/workflows/[id]/nodes/[nodeId]/test/route";
import * as hook from "@/app/api/v1/hooks/[triggerId]/route";
import * as invitation from "@/app/api/v1/invitations/[id]/route";
import * as resend from "@/app/api/v1/invitations/[id]/resend/route";
import * as accept from "@/app/api/v1/invitations/accept/route";
import * as invitations from "@/app/api/v1/invitations/route";
import * as member from "@/app/api/v1/members/[userId]/route";
import * as start from "@/app/api/v1/workflows/[id]/executions/route";
import * as publish from "@/app/api/v1/workflows/[id]/publish/route";
import * as workflow from "@/app/api/v1/workflows/[id]/route";
import * as triggers from "@/app/api/v1/workflows/[id]/triggers/route";
import * as triggerControl from "@/app/api/v1/workflows/[id]/triggers/[triggerId]/route";
import * as rotateSecret from "@/app/api/v1/workflows/[id]/triggers/[triggerId]/rotate-secret/route";
import * as confirmApproval from "@/app/api/v1/approvals/confirm/route";
import * as activate from "@/app/api/v1/workflows/[id]/versions/[version]/activate/route";
import * as workflows from "@/app/api/v1/workflows/route";
import * as workspace from "@/app/api/v1/workspaces/[id]/route";
import * as transfer from "@/app/api/v1/workspaces/[id]/transfer/route";
import * as activeWorkspace from "@/app/api/v1/workspaces/active/route";
import * as workspaces from "@/app/api/v1/workspaces/route";
import * as conversation from "@/app/api/v1/conversations/[id]/route";
import * as mcpConnection from "@/app/api/v1/mcp-connections/[id]/route";
import * as mcpConnections from "@/app/api/v1/mcp-connections/route";
import * as mcpConnectionTest from "@/app/api/v1/mcp-connections/[id]/test/route";
import * as knowledgeBases from "@/app/api/v1/knowledge-bases/route";
import * as knowledgeBase from "@/app/api/v1/knowledge-bases/[id]/route";
import * as knowledgeDocuments from "@/app/api/v1/knowledge-bases/[id]/documents/route";
import * as knowledgeDocument from "@/app/api/v1/knowledge-bases/[id]/documents/[documentId]/route";
import * as knowledgeReingest from "@/app/api/v1/knowledge-bases/[id]/documents/[documentId]/reingest/route";
import * as knowledgeSearch from "@/app/api/v1/knowledge-bases/[id]/search/route";

// Issue 10, item 2: bad bodies on every write endpoint of the REST API, through the real route
// handlers on the real database. Seeded, so a failure names a case that can be replayed. Every
// case must answer 4xx problem+json (never 5xx, never 2xx: each body is broken on purpose), and
// after each endpoint's cases nothing the team owns has changed.
const SEED = 0x10_02;
const CASES_PER_BODY_ENDPOINT = 120;
const CASES_PER_BODYLESS_ENDPOINT = 24;

type Handler = (request: Request, context?: { params?: Promise<Record<string, string>> }) => Promise<Response>;
type Kind = "text" | "email" | "enum" | "int" | "bool" | "graph" | "budget" | "record" | "id";
const STRATEGIES = ["wrong-type", "wrong-type", "missing", "bad-text", "bad-text", "bad-text", "bad-key", "deep", "prototype", "not-object", "bad-json", "bad-json", "utf8", "content-type", "huge-value", "huge-body"] as const;
type Strategy = (typeof STRATEGIES)[number];
type Endpoint = {
  route: string;
  handler: Handler;
  params: () => Record<string, string>;
  /** A valid body every case breaks; absent when the endpoint reads no body. */
  valid?: Record<string, unknown>;
  fields?: Record<string, Kind>;
  required?: string[];
  /** Top-level fields of free JSON data (any text allowed). */
  jsonData?: string[];
  headers?: () => Record<string, string>;
  /** The body is data, not fields (webhooks): no field is named in errors. */
  bodyIsData?: boolean;
  /** Only these ways to break the body (a webhook with the right secret runs whatever JSON it gets). */
  strategies?: readonly Strategy[];
};
type Case = { label: string; body?: Uint8Array; contentType?: string | null; params?: Record<string, string>; headers?: Record<string, string>; errorPath?: string };

function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (max: number) => Math.floor(next() * max);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  return { next, int, pick };
}
type Random = ReturnType<typeof random>;

const NUL = "\u0000";
const BAD_CHARACTERS = [NUL, "\ud800", "\udbff", "\udc00", "\udfff"];
const WRONG: Record<Kind, unknown[]> = {
  text: [0, -1, 1.5, true, false, null, [], {}, ["a"], { a: "b" }, "x".repeat(20_001)],
  email: [0, true, null, [], {}, "", "not-an-email", "a@", "@b.c", "a b@c.d", `${"x".repeat(300)}@example.test`],
  enum: [0, 1, true, null, [], {}, "", "superuser", "Viewer ", "ADMIN", "owner\n"],
  int: ["1", 1.5, -1, -1e308, true, null, [], {}, "NaN"],
  bool: ["true", "false", 1, 0, null, [], {}, "yes"],
  graph: ["graph", 1, true, null, [], { nodes: "x", edges: [] }, { nodes: [{}], edges: [] }, { nodes: [], edges: [{ id: 1 }] }, { nodes: [{ id: "a", type: "t", position: { x: "0", y: 0 }, data: {} }], edges: [] }],
  budget: ["budget", 1, true, [], { maxTokens: -1 }, { maxTokens: 1.5 }, { maxCostUsd: "1" }, { unknown: 1 }, { maxDurationMs: 1e15 }],
  record: ["input", 1, true, null, [1, 2], "[]"],
  id: [0, true, null, [], {}, ""],
};
const BAD_JSON = ["{", "}", "[", '{"a":1,}', "{'a':1}", "{a:1}", "NaN", '{"a":NaN}', '{"a":01}', '{"a":1e}', '{"a":-}', '{"a":.5}', '{"a":+1}', '{"a":Infinity}', '{"a":undefined}', "/*c*/{}", "{}{}", '{"a":1} x', '{"a":"x', '"', "\u0000", '{"a":"\u0001"}', `{"a":"${NUL}"}`, "{\"a\":'x'}", "[1,]", "tru", "nul", '{"a" 1}', '{"a":[}', "\\u0000"];
const NOT_OBJECTS = ["null", "[]", "1", "-0", '"text"', "true", "[{}]", "1e400"];
const WRONG_CONTENT_TYPES = [null, "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/jsonx", "text/json", "application/xml", "json", "application/octet-stream", "text/html; charset=utf-8"];
// Overlong NUL, an encoded surrogate (CESU-8), stray continuation and lead bytes, a cut sequence.
const INVALID_UTF8 = [[0xc0, 0x80], [0xed, 0xa0, 0x80], [0x80], [0xff], [0xfe, 0xff], [0xe2, 0x82]];
const PROTOTYPE_KEYS = ["__proto__", "constructor", "prototype"];
const WEIRD_IDS = ["does-not-exist", NUL, `a${NUL}b`, "\ud800", `x\udc00`, "__proto__", "constructor", "prototype", "x".repeat(5000), "../../etc/passwd", "%00", "' OR 1=1 --", "😀", " ", "null", "0", "-1", "1e308", "9007199254740993", "2147483648"];

const encode = (text: string) => new TextEncoder().encode(text);
const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

function deepValue(rng: Random): unknown {
  const depth = 65 + rng.int(3000);
  let value: unknown = rng.pick(["bottom", 1, null]);
  for (let level = 0; level < depth; level++) value = rng.next() < 0.5 ? [value] : { k: value };
  return value;
}

/** Every string leaf of a value outside the JSON-data fields, as a path of keys. */
function stringPaths(value: unknown, jsonData: string[], at: string[] = []): string[][] {
  if (typeof value === "string") return [at];
  if (value === null || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([key, entry]) => (at.length === 0 && jsonData.includes(key) ? [] : stringPaths(entry, jsonData, [...at, key])));
}
function objectPaths(value: unknown, jsonData: string[], at: string[] = []): string[][] {
  if (value === null || typeof value !== "object") return [];
  const own = Array.isArray(value) ? [] : [at];
  return [...own, ...Object.entries(value).flatMap(([key, entry]) => (at.length === 0 && jsonData.includes(key) ? [] : objectPaths(entry, jsonData, [...at, key])))];
}
function getAt(value: unknown, keys: string[]): unknown {
  return keys.reduce<unknown>((current, key) => (current as Record<string, unknown>)[key], value);
}
function setAt(value: unknown, keys: string[], entry: unknown) {
  const parent = getAt(value, keys.slice(0, -1)) as Record<string, unknown>;
  parent[keys.at(-1)!] = entry;
}
const bodyPath = (keys: string[]) => ["body", ...keys].join(".");

/** A body broken in one or two ways, each of which alone makes it invalid. */
function brokenBody(endpoint: Endpoint, rng: Random): Case {
  const valid = endpoint.valid!;
  const fields = endpoint.fields ?? {};
  const jsonData = endpoint.jsonData ?? [];
  const json = (value: unknown, label: string, errorPath?: string): Case => ({ label, body: encode(JSON.stringify(value)), contentType: "application/json", errorPath });
  const strategy = rng.pick(endpoint.strategies ?? STRATEGIES);
  switch (strategy) {
    case "wrong-type":
    case "missing": {
      const body = clone(valid);
      const field = rng.pick(strategy === "missing" && endpoint.required?.length ? endpoint.required : Object.keys(fields));
      const wrong = rng.pick(WRONG[fields[field]!]);
      if (strategy === "missing" && endpoint.required?.length) delete body[field];
      else body[field] = wrong;
      return json(body, `${strategy} ${field}=${JSON.stringify(wrong)?.slice(0, 40)}`);
    }
    case "bad-text": {
      const body = clone(valid);
      const keys = rng.pick(stringPaths(body, jsonData));
      const text = getAt(body, keys) as string;
      const bad = rng.pick(BAD_CHARACTERS);
      const at = rng.int(text.length + 1);
      setAt(body, keys, text.slice(0, at) + bad + text.slice(at));
      return json(body, `bad text in ${bodyPath(keys)}`, endpoint.bodyIsData ? undefined : bodyPath(keys));
    }
    case "bad-key": {
      const body = clone(valid);
      const keys = rng.pick(objectPaths(body, jsonData));
      (getAt(body, keys) as Record<string, unknown>)[`k${rng.pick(BAD_CHARACTERS)}`] = "value";
      return json(body, `bad key in ${bodyPath(keys)}`, endpoint.bodyIsData ? undefined : bodyPath(keys));
    }
    case "deep": {
      const body = clone(valid);
      body[rng.pick([...Object.keys(fields), ...jsonData, "extra"])] = deepValue(rng);
      return json(body, "deep value");
    }
    case "prototype": {
      // JSON.parse makes "__proto__" an own key: the fields under it must not count.
      const key = rng.pick(PROTOTYPE_KEYS);
      if (endpoint.required?.length) return { label: `valid body under ${key}`, body: encode(`{${JSON.stringify(key)}:${JSON.stringify(valid)}}`), contentType: "application/json" };
      const field = rng.pick(Object.keys(fields));
      const body = { ...clone(valid), [field]: rng.pick(WRONG[fields[field]!]) };
      const text = JSON.stringify(body).replace(/^\{/, `{${JSON.stringify(key)}:${JSON.stringify(valid)},`);
      return { label: `${key} key and a wrong ${field}`, body: encode(text), contentType: "application/json" };
    }
    case "not-object":
      return { label: "not an object", body: encode(rng.pick([...NOT_OBJECTS, `[${JSON.stringify(valid)}]`])), contentType: "application/json" };
    case "bad-json": {
      const text = JSON.stringify(valid);
      const broken = rng.next() < 0.5 ? rng.pick(BAD_JSON) : text.slice(0, 1 + rng.int(text.length - 1));
      return { label: `bad JSON ${JSON.stringify(broken.slice(0, 30))}`, body: encode(broken), contentType: "application/json" };
    }
    case "utf8": {
      const text = JSON.stringify({ ...valid, extra: "@" });
      const at = text.indexOf("@");
      const bytes = [...encode(text.slice(0, at)), ...rng.pick(INVALID_UTF8), ...encode(text.slice(at + 1))];
      return { label: "invalid UTF-8", body: new Uint8Array(bytes), contentType: "application/json" };
    }
    case "content-type": {
      const contentType = rng.pick(WRONG_CONTENT_TYPES);
      return { label: `content type ${contentType}`, body: encode(JSON.stringify(valid)), contentType };
    }
    case "huge-value": {
      const body = clone(valid);
      // Not for ids and free JSON, where a long string or a big object is fine.
      const field = rng.pick(Object.keys(fields).filter((name) => fields[name] !== "id" && fields[name] !== "record"));
      body[field] = rng.pick([Array.from({ length: 50_000 }, (_, index) => index), "y".repeat(400_000), Object.fromEntries(Array.from({ length: 20_000 }, (_, index) => [`k${index}`, index]))]);
      return json(body, `huge ${field}`);
    }
    case "huge-body":
      return { label: "over 1 MB", body: encode(JSON.stringify({ ...valid, blob: "z".repeat(1_000_001) })), contentType: "application/json" };
  }
}

/** An endpoint that reads no body: bad ids in the path, junk in the body. */
function bodylessCase(endpoint: Endpoint, rng: Random): Case {
  const params = Object.fromEntries(Object.keys(endpoint.params()).map((name) => [name, rng.pick(WEIRD_IDS)]));
  const body = rng.pick([undefined, encode("{"), encode(`{"${NUL}":1}`), encode(JSON.stringify({ id: "\ud800" })), new Uint8Array([0xff, 0x00]), encode(JSON.stringify(deepValue(rng)))]);
  return { label: `ids ${JSON.stringify(params).slice(0, 80)}`, params, body, contentType: rng.pick(["application/json", null, "text/plain"]) };
}

async function send(endpoint: Endpoint, testCase: Case, cookie: string) {
  const method = endpoint.route.split(" ")[0]!;
  const headers = new Headers({ cookie, ...endpoint.headers?.(), ...testCase.headers });
  if (testCase.contentType) headers.set("content-type", testCase.contentType);
  const request = new Request("http://agentry.test/api/v1/fuzz", { method, headers, body: testCase.body as BodyInit | undefined });
  const response = await endpoint.handler(request, { params: Promise.resolve(testCase.params ?? endpoint.params()) });
  return { status: response.status, contentType: response.headers.get("content-type"), text: await response.text() };
}

let team: Awaited<ReturnType<typeof createTeam>>;
let ids: { workflowId: string; hookedWorkflowId: string; executionId: string; triggerId: string; secret: string; invitationId: string; apiKeyId: string; credentialId: string; memberId: string; mcpConnectionId: string; conversationId: string; knowledgeBaseId: string; knowledgeDocumentId: string };

async function snapshot() {
  const db = getDb();
  const workspaceId = team.workspace.id;
  const userIds = [team.owner.id, ...team.members.map((m) => m.id)];
  const everything = await Promise.all([
    db.user.findMany({ where: { id: { in: userIds } }, orderBy: { id: "asc" } }),
    db.workspace.findMany({ where: { memberships: { some: { userId: { in: userIds } } } }, orderBy: { id: "asc" } }),
    db.membership.findMany({ where: { userId: { in: userIds } }, orderBy: { id: "asc" } }),
    db.workflow.findMany({ where: { workspaceId }, orderBy: { id: "asc" } }),
    db.workflowVersion.findMany({ where: { workflow: { workspaceId } }, orderBy: { id: "asc" } }),
    db.trigger.findMany({ where: { workspaceId }, orderBy: { id: "asc" } }),
    db.execution.findMany({ where: { workspaceId }, orderBy: { id: "asc" } }),
    db.nodeRun.count({ where: { execution: { workspaceId } } }),
    db.executionEvent.count({ where: { execution: { workspaceId } } }),
    db.executionSignal.count({ where: { execution: { workspaceId } } }),
    db.invitation.findMany({ where: { workspaceId }, orderBy: { id: "asc" } }),
    db.apiKey.findMany({ where: { workspaceId }, orderBy: { id: "asc" } }),
    db.credential.findMany({ where: { workspaceId }, orderBy: { id: "asc" } }),
    db.mcpConnection.findMany({ where: { workspaceId }, orderBy: { id: "asc" } }),
    db.conversation.findMany({ where: { workspaceId }, orderBy: { id: "asc" } }),
    db.activityLog.count({ where: { workspaceId } }),
  ]);
  return JSON.stringify(everything);
}

const endpoints: Endpoint[] = [
  { route: "POST workflows", handler: workflows.POST, params: () => ({}), valid: { name: "Fuzzed", description: "d", graph: ggraph([gnode("start", "trigger.manual"), gnode("out", "flow.output", { name: "v", value: "{{ input.x }}" })], [gedge("start", "out")]) }, fields: { name: "text", description: "text", graph: "graph" }, required: ["name"] },
  { route: "PATCH workflows/[id]", handler: workflow.PATCH, params: () => ({ id: ids.workflowId }), valid: { name: "Renamed", description: "d", graph: ggraph([gnode("start", "trigger.manual")], []), baseRevision: 0 }, fields: { name: "text", description: "text", graph: "graph", baseRevision: "int" } },
  { route: "DELETE workflows/[id]", handler: workflow.DELETE, params: () => ({ id: ids.workflowId }) },
  { route: "POST workflows/[id]/publish", handler: publish.POST, params: () => ({ id: ids.workflowId }), valid: { note: "release" }, fields: { note: "text" } },
  { route: "POST workflows/[id]/versions/[version]/activate", handler: activate.POST, params: () => ({ id: ids.workflowId, version: "1" }) },
  { route: "POST workflows/[id]/executions", handler: start.POST, params: () => ({ id: ids.workflowId }), valid: { input: { x: "text", list: [1, { y: "z" }] }, version: 1, idempotencyKey: "fuzz-key", budget: { maxTokens: 100 } }, fields: { input: "record", version: "int", idempotencyKey: "text", budget: "budget" }, jsonData: ["input"] },
  { route: "POST executions/[id]/cancel", handler: cancel.POST, params: () => ({ id: ids.executionId }) },
  { route: "POST executions/[id]/retry", handler: retry.POST, params: () => ({ id: ids.executionId }) },
  { route: "POST executions/[id]/approvals/[nodeId]", handler: approval.POST, params: () => ({ id: ids.executionId, nodeId: "out" }), valid: { approved: true, comment: "ok" }, fields: { approved: "bool", comment: "text" }, required: ["approved"] },
  { route: "POST approvals/confirm", handler: confirmApproval.POST, params: () => ({}), valid: { token: "t".repeat(43), approved: true, comment: "ok" }, fields: { token: "text", approved: "bool", comment: "text" }, required: ["token", "approved"] },
  { route: "PATCH workflows/[id]/triggers/[triggerId]", handler: triggerControl.PATCH, params: () => ({ id: ids.hookedWorkflowId, triggerId: ids.triggerId }), valid: { enabled: false }, fields: { enabled: "bool" }, required: ["enabled"], strategies: STRATEGIES.filter((strategy) => strategy !== "bad-text") }, // no text field to break
  { route: "POST workflows/[id]/triggers/[triggerId]/rotate-secret", handler: rotateSecret.POST, params: () => ({ id: ids.hookedWorkflowId, triggerId: ids.triggerId }) },
  { route: "POST hooks/[triggerId]", handler: hook.POST, params: () => ({ triggerId: ids.triggerId }), valid: { payload: "data" }, fields: { payload: "text" }, headers: () => ({ "x-agentry-secret": "wrong-secret" }), bodyIsData: true },
  { route: "PUT hooks/[triggerId]", handler: hook.PUT, params: () => ({ triggerId: ids.triggerId }), valid: { payload: "data" }, fields: { payload: "text" }, headers: () => ({ "x-agentry-secret": ids.secret }), bodyIsData: true, strategies: ["bad-json", "deep", "huge-body"] },
  { route: "POST credentials", handler: credentials.POST, params: () => ({}), valid: { name: "Key", provider: "openai", secret: "sk-test" }, fields: { name: "text", provider: "enum", secret: "text" }, required: ["name", "provider", "secret"] },
  { route: "PATCH credentials/[id]", handler: credential.PATCH, params: () => ({ id: ids.credentialId }), valid: { name: "Rotated", secret: "sk-rotated" }, fields: { name: "text", secret: "text" } },
  { route: "DELETE credentials/[id]", handler: credential.DELETE, params: () => ({ id: ids.credentialId }) },
  { route: "POST credentials/[id]/test", handler: credentialTest.POST, params: () => ({ id: ids.credentialId }) },
  { route: "POST mcp-connections", handler: mcpConnections.POST, params: () => ({}), valid: { name: "Tools", transport: "streamable-http", url: "https://mcp.example.test/mcp", token: "t0k" }, fields: { name: "text", transport: "enum", url: "text", token: "text", headers: "record" }, required: ["name"] },
  { route: "PATCH mcp-connections/[id]", handler: mcpConnection.PATCH, params: () => ({ id: ids.mcpConnectionId }), valid: { name: "Renamed" }, fields: { name: "text" } }, // url, token and headers take null (clear)
  { route: "DELETE mcp-connections/[id]", handler: mcpConnection.DELETE, params: () => ({ id: ids.mcpConnectionId }) },
  { route: "POST mcp-connections/[id]/test", handler: mcpConnectionTest.POST, params: () => ({ id: ids.mcpConnectionId }) },
  { route: "DELETE conversations/[id]", handler: conversation.DELETE, params: () => ({ id: ids.conversationId }) },
  { route: "POST knowledge-bases", handler: knowledgeBases.POST, params: () => ({}), valid: { name: "Fuzz KB", description: "d" }, fields: { name: "text", description: "text" }, required: ["name"] },
  { route: "PATCH knowledge-bases/[id]", handler: knowledgeBase.PATCH, params: () => ({ id: ids.knowledgeBaseId }), valid: { name: "Renamed KB", description: "d" }, fields: { name: "text", description: "text" } },
  { route: "DELETE knowledge-bases/[id]", handler: knowledgeBase.DELETE, params: () => ({ id: ids.knowledgeBaseId }) },
  { route: "POST knowledge-bases/[id]/documents", handler: knowledgeDocuments.POST, params: () => ({ id: ids.knowledgeBaseId }), valid: { text: "Some text", name: "Fuzz doc" }, fields: { text: "text", name: "text" }, required: ["text"] },
  { route: "DELETE knowledge-bases/[id]/documents/[documentId]", handler: knowledgeDocument.DELETE, params: () => ({ id: ids.knowledgeBaseId, documentId: ids.knowledgeDocumentId }) },
  { route: "POST knowledge-bases/[id]/documents/[documentId]/reingest", handler: knowledgeReingest.POST, params: () => ({ id: ids.knowledgeBaseId, documentId: ids.knowledgeDocumentId }) },
  { route: "POST knowledge-bases/[id]/search", handler: knowledgeSearch.POST, params: () => ({ id: ids.knowledgeBaseId }), valid: { query: "q", topK: 3 }, fields: { query: "text", topK: "int" }, required: ["query"] },
  { route: "POST api-keys", handler: apiKeys.POST, params: () => ({}), valid: { name: "CI", role: "viewer" }, fields: { name: "text", role: "enum" }, required: ["name"] },
  { route: "DELETE api-keys/[id]", handler: apiKey.DELETE, params: () => ({ id: ids.apiKeyId }) },
  { route: "POST invitations", handler: invitations.POST, params: () => ({}), valid: { email: "fuzz@example.test", role: "viewer" }, fields: { email: "email", role: "enum" }, required: ["email", "role"] },
  { route: "DELETE invitations/[id]", handler: invitation.DELETE, params: () => ({ id: ids.invitationId }) },
  { route: "POST invitations/[id]/resend", handler: resend.POST, params: () => ({ id: ids.invitationId }) },
  { route: "POST invitations/accept", handler: accept.POST, params: () => ({}), valid: { token: "t".repeat(32) }, fields: { token: "text" }, required: ["token"] },
  { route: "PATCH members/[userId]", handler: member.PATCH, params: () => ({ userId: ids.memberId }), valid: { role: "viewer" }, fields: { role: "enum" }, required: ["role"] },
  { route: "DELETE members/[userId]", handler: member.DELETE, params: () => ({ userId: ids.memberId }) },
  { route: "POST workspaces", handler: workspaces.POST, params: () => ({}), valid: { name: "Fuzz space" }, fields: { name: "text" }, required: ["name"] },
  { route: "PATCH workspaces/[id]", handler: workspace.PATCH, params: () => ({ id: team.workspace.id }), valid: { name: "Renamed space" }, fields: { name: "text" }, required: ["name"] },
  { route: "DELETE workspaces/[id]", handler: workspace.DELETE, params: () => ({ id: team.workspace.id }) },
  { route: "POST workspaces/[id]/transfer", handler: transfer.POST, params: () => ({ id: team.workspace.id }), valid: { userId: "someone" }, fields: { userId: "id" }, required: ["userId"] },
  { route: "PUT workspaces/active", handler: activeWorkspace.PUT, params: () => ({}), valid: { workspaceId: "somewhere" }, fields: { workspaceId: "id" }, required: ["workspaceId"] },
  // Last, so that the seeded cases of the endpoints above stay what they were.
  { route: "POST executions/[id]/replay", handler: replay.POST, params: () => ({ id: ids.executionId }), valid: { fromNodeId: "out" }, fields: { fromNodeId: "text" }, required: ["fromNodeId"] },
  { route: "POST workflows/[id]/nodes/[nodeId]/test", handler: testNode.POST, params: () => ({ id: ids.workflowId, nodeId: "out" }), valid: { executionId: "x", inputs: { start: { a: 1 } }, input: { x: "text" }, budget: { maxTokens: 100 } }, fields: { executionId: "id", inputs: "record", input: "record", budget: "budget" }, jsonData: ["inputs", "input"] },
];

/** Every exported write method of every route file under app/api/v1, as "METHOD dir". */
function writeRoutesOnDisk(): string[] {
  const root = path.join(process.cwd(), "app/api/v1");
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === "route.ts") {
        const methods = [...fs.readFileSync(full, "utf8").matchAll(/export const (POST|PUT|PATCH|DELETE)\b/g)].map((match) => match[1]);
        for (const method of methods) found.push(`${method} ${path.relative(root, dir).split(path.sep).join("/")}`);
      }
    }
  };
  walk(root);
  return found.sort();
}

beforeAll(async () => {
  team = await createTeam(["editor"]);
  const as = team.owner;
  const manual = await call(workflows.POST, { as, body: { name: "Manual", graph: ggraph([gnode("start", "trigger.manual"), gnode("out", "flow.output", { name: "v", value: "1" })], [gedge("start", "out")]) } });
  await call(publish.POST, { as, params: { id: manual.body.id }, body: {} });
  const run = await call(start.POST, { as, params: { id: manual.body.id }, body: {} });
  for (let tries = 0; (await call(execution.GET, { as, params: { id: run.body.id } })).body.status !== "completed"; tries++) {
    if (tries > 150) throw new Error("the seed execution did not complete");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const hooked = await call(workflows.POST, { as, body: { name: "Hooked", graph: ggraph([gnode("hook", "trigger.webhook"), gnode("out", "flow.output", { name: "v", value: "1" })], [gedge("hook", "out")]) } });
  await call(publish.POST, { as, params: { id: hooked.body.id }, body: {} });
  const trigger = (await call(triggers.GET, { as, params: { id: hooked.body.id } })).body.items[0];
  const invited = await call(invitations.POST, { as, body: { email: uniqueEmail("invitee"), role: "viewer" } });
  const key = await call(apiKeys.POST, { as, body: { name: "Existing", role: "viewer" } });
  const secret = await call(credentials.POST, { as, body: { name: "Existing", provider: "openai", secret: "sk-existing" } });
  const mcp = await call(mcpConnections.POST, { as, body: { name: "Existing", transport: "streamable-http", url: "https://mcp.example.test/mcp" } });
  const thread = await getDb().conversation.create({ data: { workspaceId: team.workspace.id, key: "thread-1" } });
  const kb = await getDb().knowledgeBase.create({ data: { workspaceId: team.workspace.id, name: "Existing KB" } });
  const kbDocument = await getDb().knowledgeDocument.create({ data: { workspaceId: team.workspace.id, knowledgeBaseId: kb.id, name: "existing.txt", sourceType: "text", mimeType: "text/plain", status: "ready" } });
  ids = {
    workflowId: manual.body.id,
    hookedWorkflowId: hooked.body.id,
    executionId: run.body.id,
    triggerId: trigger.id,
    secret: trigger.secret,
    invitationId: invited.body.id,
    apiKeyId: key.body.id,
    credentialId: secret.body.id,
    memberId: team.members[0]!.id,
    mcpConnectionId: mcp.body.id,
    conversationId: thread.id,
    knowledgeBaseId: kb.id,
    knowledgeDocumentId: kbDocument.id,
  };
  for (const value of Object.values(ids)) expect(value).toBeTruthy();
}, 60_000);

describe("bad bodies on every write endpoint", () => {
  it("covers every write endpoint under app/api/v1", () => {
    expect(endpoints.map((endpoint) => endpoint.route).sort()).toEqual(writeRoutesOnDisk());
  });

  it(`answers ${CASES_PER_BODY_ENDPOINT} broken bodies per endpoint (and ${CASES_PER_BODYLESS_ENDPOINT} bad ids where there is no body) with 4xx, writing nothing`, async () => {
    const rng = random(SEED);
    const failures: string[] = [];
    let sent = 0;
    for (const endpoint of endpoints) {
      const before = await snapshot();
      const count = endpoint.valid ? CASES_PER_BODY_ENDPOINT : CASES_PER_BODYLESS_ENDPOINT;
      for (let index = 0; index < count; index++) {
        const testCase = endpoint.valid ? brokenBody(endpoint, rng) : bodylessCase(endpoint, rng);
        const response = await send(endpoint, testCase, team.owner.cookie);
        sent++;
        const where = `${endpoint.route} #${index} (${testCase.label}) → ${response.status} ${response.text.slice(0, 300)}`;
        if (response.status < 400 || response.status >= 500) failures.push(where);
        else if (response.contentType !== "application/problem+json") failures.push(`${where}: not problem+json`);
        else if (testCase.errorPath) {
          const problem = JSON.parse(response.text) as { status: number; errors?: { path: string }[] };
          if (problem.status !== 400 || !problem.errors?.some((error) => error.path === testCase.errorPath)) failures.push(`${where}: expected a 400 naming ${testCase.errorPath}`);
        }
      }
      if ((await snapshot()) !== before) failures.push(`${endpoint.route}: rows changed`);
    }
    expect(failures.slice(0, 20)).toEqual([]);
    expect(sent).toBeGreaterThanOrEqual(2000);
    // "__proto__" keys stayed plain keys: nothing reached Object.prototype.
    expect(Object.keys(Object.prototype)).toEqual([]);
  }, 180_000);
});
