import { afterEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/lib/db";
import type { HttpPort, NodeServices } from "@/lib/engine/types";
import { DatabaseStepRunner } from "@/lib/jobs/local/database-step-runner";
import { createRedactor } from "@/lib/jobs/redactor";
import { runExecution } from "@/lib/jobs/run-execution";
import { ExecutionEventSink } from "@/lib/stream/execution-event-sink";
import { createTeam } from "@/scripts/testing/fixtures";
import { asJson, gedge, ggraph, gnode } from "@/scripts/testing/workflow-fixtures";

// The HTTP node's port is whatever a test puts here: a real database failure, or a plain answer.
const port = vi.hoisted(() => ({ request: null as null | HttpPort["request"] }));
vi.mock("@/lib/jobs/build-node-services", () => ({
  buildNodeServices: (): NodeServices => ({ http: { request: (request, signal) => port.request!(request, signal) } }),
}));

const ERROR_ID = /Internal error \(error id ([0-9a-f-]{36})\)\. The details are in the server log\./;
const INTERNALS = /prisma|invocation|relation|SELECT|bind message/i;

async function seedExecution() {
  const { workspace } = await createTeam();
  const graph = ggraph([gnode("start", "trigger.manual"), gnode("call", "integration.http", { url: "https://api.example.test/x" })], [gedge("start", "call")]);
  const db = getDb();
  const workflow = await db.workflow.create({ data: { workspaceId: workspace.id, name: "Calls out", graph: asJson(graph), activeVersion: 1 } });
  const version = await db.workflowVersion.create({ data: { workflowId: workflow.id, version: 1, graph: asJson(graph) } });
  return db.execution.create({ data: { workspaceId: workspace.id, workflowId: workflow.id, versionId: version.id, version: 1 } });
}

async function run(executionId: string) {
  const redactor = createRedactor();
  const step = new DatabaseStepRunner({ executionId, redactor, signal: new AbortController().signal, backoffMs: () => 10 });
  return runExecution({ executionId, step, redactor });
}

/** A genuine Prisma error, as a failing database gives it. */
const databaseFailure = () => getDb().$queryRawUnsafe('SELECT * FROM "no_such_table_for_this_test"');

afterEach(() => vi.restoreAllMocks());

describe("internal errors during a run", () => {
  it("reach users as an error id — in the execution, its events and node runs — with the details in the server log, retried first", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    port.request = async () => (await databaseFailure()) as never;
    const execution = await seedExecution();
    const result = await run(execution.id);
    expect(result?.status).toBe("failed");

    const db = getDb();
    const stored = await db.execution.findUniqueOrThrow({ where: { id: execution.id } });
    expect(stored.status).toBe("failed");
    expect(stored.error).toMatch(ERROR_ID);
    expect(stored.error).toMatch(/^"call" failed: Internal error/);
    expect(stored.error).not.toMatch(INTERNALS);

    const events = await db.executionEvent.findMany({ where: { executionId: execution.id }, orderBy: { seq: "asc" } });
    const failed = events.filter((event) => event.type === "node.failed" || event.type === "execution.failed");
    expect(failed.map((event) => event.type)).toEqual(["node.failed", "execution.failed"]);
    for (const event of events) expect(JSON.stringify(event.data)).not.toMatch(INTERNALS);

    // Retryable: the local driver tried the step three times, each failure with its own id.
    const nodeRun = await db.nodeRun.findUniqueOrThrow({ where: { executionId_key: { executionId: execution.id, key: "node:call" } } });
    expect(nodeRun).toMatchObject({ status: "failed", attempts: 3 });
    expect(nodeRun.error).toMatch(ERROR_ID);

    // The id users see leads to the full error in the server log.
    const errorId = ERROR_ID.exec(stored.error!)![1]!;
    const line = logged.mock.calls.find((args) => String(args[0]).includes(errorId));
    expect(line, "the error id is logged").toBeDefined();
    expect(String(line![0])).toContain(`execution ${execution.id}`);
    expect(String((line![1] as Error).message)).toMatch(/no_such_table_for_this_test/);
  });

  it("counts as retryable: a step whose event could not be stored runs again and the run completes", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    port.request = async () => ({ status: 200, headers: { "content-type": "application/json" }, body: '{"ok":true}' });
    const realEmit = ExecutionEventSink.prototype.emit;
    let failures = 0;
    vi.spyOn(ExecutionEventSink.prototype, "emit").mockImplementation(async function (this: ExecutionEventSink, event) {
      if (event.type === "node.started" && event.nodeId === "call" && failures++ === 0) await databaseFailure();
      return realEmit.call(this, event);
    });
    const execution = await seedExecution();
    const result = await run(execution.id);
    expect(result?.status, JSON.stringify(result)).toBe("completed");
    const nodeRun = await getDb().nodeRun.findUniqueOrThrow({ where: { executionId_key: { executionId: execution.id, key: "node:call" } } });
    expect(nodeRun).toMatchObject({ status: "completed", attempts: 2 });
  });

  it("leaves a node's own errors as they are (not retried, no error id)", async () => {
    const { NodeExecutionError } = await import("@/lib/engine/types");
    port.request = async () => {
      throw new NodeExecutionError("GET https://api.example.test/x answered 404.");
    };
    const execution = await seedExecution();
    await run(execution.id);
    const stored = await getDb().execution.findUniqueOrThrow({ where: { id: execution.id } });
    expect(stored.error).toBe('"call" failed: GET https://api.example.test/x answered 404.');
    const nodeRun = await getDb().nodeRun.findUniqueOrThrow({ where: { executionId_key: { executionId: execution.id, key: "node:call" } } });
    expect(nodeRun).toMatchObject({ status: "failed", attempts: 1, error: "GET https://api.example.test/x answered 404." });
  });
});
