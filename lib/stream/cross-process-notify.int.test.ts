import { spawn } from "node:child_process";
import crypto from "node:crypto";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { getDb } from "@/lib/db";
import { getExecutionNotifier } from "@/lib/stream/execution-notifier";
import { streamExecutionEvents } from "@/lib/stream/stream-execution-events";
import { createTeam } from "@/scripts/testing/fixtures";
import { readSse } from "@/scripts/testing/sse";
import { asJson, ggraph, gnode } from "@/scripts/testing/workflow-fixtures";

const ROOT = path.resolve(import.meta.dirname, "../..");

/**
 * Resolves once this process's LISTEN connection delivers notifications: a probe notification
 * sent through the database (not the in-process emitter) is repeated until it arrives.
 */
async function untilListening() {
  const probe = `probe-${crypto.randomUUID()}`;
  let arrived = false;
  const unsubscribe = getExecutionNotifier().subscribe(probe, () => void (arrived = true));
  try {
    for (let attempt = 0; !arrived; attempt++) {
      if (attempt > 200) throw new Error("LISTEN never delivered a notification");
      await getDb().$executeRaw`SELECT pg_notify('agentry_execution_events', ${probe})`;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  } finally {
    unsubscribe();
  }
}

describe("live fan-out across processes", () => {
  it("wakes a subscriber in this process when another process stores an event (Postgres LISTEN/NOTIFY)", async (context) => {
    if (inject("databaseDriver") !== "postgres") return context.skip(); // the embedded database serves one process
    const { workspace } = await createTeam();
    const graph = asJson(ggraph([gnode("start", "trigger.manual")], []));
    const workflow = await getDb().workflow.create({ data: { workspaceId: workspace.id, name: "x", graph, activeVersion: 1 } });
    const version = await getDb().workflowVersion.create({ data: { workflowId: workflow.id, version: 1, graph } });
    const execution = await getDb().execution.create({ data: { workspaceId: workspace.id, workflowId: workflow.id, versionId: version.id, version: 1, status: "running", leaseOwner: "test", leaseExpiresAt: new Date(Date.now() + 3600_000) } });

    // Polling once a minute: only a notification can deliver the event within the test's time.
    const received: string[] = [];
    const reading = readSse(streamExecutionEvents({ executionId: execution.id, afterSeq: 0, pollMs: 60_000, heartbeatMs: 60_000 }), (message) => void received.push(message.event!));
    await untilListening();
    const started = Date.now();
    await new Promise<void>((resolve, reject) => {
      const child = spawn(path.join(ROOT, "node_modules/.bin/tsx"), ["scripts/testing/append-event.ts", execution.id], { cwd: ROOT, env: process.env, stdio: "inherit" });
      child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`append-event exited ${code}`))));
    });
    const result = await reading;
    expect(result.ended).toBe(true);
    expect(received).toEqual(["execution.completed"]);
    expect(Date.now() - started).toBeLessThan(30_000);
  }, 60_000);
});
