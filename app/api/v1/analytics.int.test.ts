import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { call, createTeam } from "@/scripts/testing/fixtures";
import { asJson, ggraph, gnode } from "@/scripts/testing/workflow-fixtures";
import * as summary from "@/app/api/v1/analytics/summary/route";

const graph = asJson(ggraph([gnode("start", "trigger.manual")], []));

async function seedWorkflow(workspaceId: string, name: string) {
  const db = getDb();
  const workflow = await db.workflow.create({ data: { workspaceId, name, graph, activeVersion: 1 } });
  const version = await db.workflowVersion.create({ data: { workflowId: workflow.id, version: 1, graph } });
  return { workflow, version };
}

type Seed = { at: string; ms?: number; status: "completed" | "failed" | "cancelled" | "running"; failedNodeId?: string; model?: string; input?: number; output?: number; cost?: number };

async function seedRun(workspaceId: string, target: Awaited<ReturnType<typeof seedWorkflow>>, seed: Seed) {
  const startedAt = new Date(seed.at);
  const execution = await getDb().execution.create({
    data: {
      workspaceId, workflowId: target.workflow.id, versionId: target.version.id, version: 1, status: seed.status, createdAt: startedAt, startedAt,
      finishedAt: seed.ms === undefined ? null : new Date(startedAt.getTime() + seed.ms), failedNodeId: seed.failedNodeId,
      inputTokens: seed.input ?? 0, outputTokens: seed.output ?? 0, costUsd: seed.cost ?? 0, leaseOwner: "seed", leaseExpiresAt: new Date(Date.now() + 3600_000),
    },
  });
  if (seed.model) {
    await getDb().nodeRun.create({ data: { executionId: execution.id, key: "node:agent", nodeId: "agent", kind: "node", status: "completed", model: seed.model, inputTokens: seed.input ?? 0, outputTokens: seed.output ?? 0, costUsd: seed.cost ?? 0 } });
  }
}

describe("GET /analytics/summary on seeded data", () => {
  it("computes totals, percentiles, per-day counts, per-model and per-workflow usage and top failing nodes", async () => {
    const team = await createTeam(["viewer"]);
    const other = await createTeam();
    const alpha = await seedWorkflow(team.workspace.id, "Alpha");
    const beta = await seedWorkflow(team.workspace.id, "Beta");
    const elsewhere = await seedWorkflow(other.workspace.id, "Elsewhere");
    await seedRun(team.workspace.id, alpha, { at: "2026-11-01T10:00:00Z", ms: 1000, status: "completed", model: "gpt-4o-mini", input: 100, output: 50, cost: 0.01 });
    await seedRun(team.workspace.id, alpha, { at: "2026-11-01T11:00:00Z", ms: 3000, status: "completed", model: "claude-sonnet-4", input: 200, output: 100, cost: 0.02 });
    await seedRun(team.workspace.id, beta, { at: "2026-11-01T12:00:00Z", ms: 2000, status: "failed", failedNodeId: "fetch" });
    await seedRun(team.workspace.id, beta, { at: "2026-11-02T09:00:00Z", ms: 4000, status: "failed", failedNodeId: "fetch" });
    await seedRun(team.workspace.id, beta, { at: "2026-11-02T09:30:00Z", ms: 500, status: "cancelled" });
    await seedRun(team.workspace.id, alpha, { at: "2026-11-02T10:00:00Z", status: "running" });
    await seedRun(team.workspace.id, alpha, { at: "2026-10-01T10:00:00Z", ms: 9000, status: "completed", cost: 5 }); // before the range
    await seedRun(other.workspace.id, elsewhere, { at: "2026-11-01T10:00:00Z", ms: 100, status: "completed", cost: 7 }); // another workspace

    const result = await call(summary.GET, { as: team.members[0]!, query: { from: "2026-11-01", to: "2026-11-03" } });
    expect(result.status).toBe(200);
    expect(result.body.totals).toEqual({
      runs: 6, completed: 2, failed: 2, cancelled: 1, budgetExceeded: 0, active: 1,
      successRate: 0.4, p50Ms: 2000, p95Ms: 3800, inputTokens: 300, outputTokens: 150, costUsd: expect.closeTo(0.03, 10),
    });
    expect(result.body.perDay).toEqual([
      { day: "2026-11-01", completed: 2, failed: 1, cancelled: 0, budgetExceeded: 0, active: 0, costUsd: expect.closeTo(0.03, 10) },
      { day: "2026-11-02", completed: 0, failed: 1, cancelled: 1, budgetExceeded: 0, active: 1, costUsd: 0 },
    ]);
    expect(result.body.byModel).toEqual([
      { model: "claude-sonnet-4", calls: 1, inputTokens: 200, outputTokens: 100, costUsd: expect.closeTo(0.02, 10) },
      { model: "gpt-4o-mini", calls: 1, inputTokens: 100, outputTokens: 50, costUsd: expect.closeTo(0.01, 10) },
    ]);
    expect(result.body.byWorkflow.map((row: { name: string; runs: number; failed: number }) => [row.name, row.runs, row.failed])).toEqual([["Alpha", 3, 0], ["Beta", 3, 2]]);
    expect(result.body.topFailingNodes).toEqual([{ workflowId: beta.workflow.id, workflowName: "Beta", nodeId: "fetch", failures: 2 }]);

    const onlyBeta = await call(summary.GET, { as: team.owner, query: { from: "2026-11-01", to: "2026-11-03", workflowId: beta.workflow.id } });
    expect(onlyBeta.body.totals).toMatchObject({ runs: 3, failed: 2, cancelled: 1, successRate: 0 });
  });

  it("answers an empty range with zeros, and bad ranges with 400", async () => {
    const { owner } = await createTeam();
    const empty = await call(summary.GET, { as: owner, query: { from: "2020-01-01", to: "2020-01-02" } });
    expect(empty.body.totals).toMatchObject({ runs: 0, successRate: null, p50Ms: null });
    expect(empty.body.perDay).toEqual([]);
    expect((await call(summary.GET, { as: owner, query: { from: "2026-11-05", to: "2026-11-01" } })).status).toBe(400);
    expect((await call(summary.GET, { as: owner, query: { from: "2020-01-01", to: "2026-01-01" } })).status).toBe(400);
    expect((await call(summary.GET, { as: owner, query: { from: "yesterday" } })).status).toBe(400);
  });
});
