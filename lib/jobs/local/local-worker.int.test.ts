import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { LocalWorker } from "@/lib/jobs/local/local-worker";
import { createTeam } from "@/scripts/testing/fixtures";
import { asJson, gedge, ggraph, gnode } from "@/scripts/testing/workflow-fixtures";

const graph = ggraph([gnode("start", "trigger.manual"), gnode("out", "flow.output", { name: "done", value: "yes" })], [gedge("start", "out")]);

/** An execution a worker on another machine claimed; its lease ends at `leaseExpiresAt`. */
async function heldElsewhere(leaseExpiresAt: Date) {
  const { workspace } = await createTeam();
  const db = getDb();
  const workflow = await db.workflow.create({ data: { workspaceId: workspace.id, name: "Held", graph: asJson(graph), activeVersion: 1 } });
  const version = await db.workflowVersion.create({ data: { workflowId: workflow.id, version: 1, graph: asJson(graph) } });
  return db.execution.create({
    data: { workspaceId: workspace.id, workflowId: workflow.id, versionId: version.id, version: 1, input: {}, status: "running", startedAt: new Date(), leaseOwner: "other-host:4242:abcdef", leaseExpiresAt },
  });
}

describe("the local worker and leases held on another host", () => {
  it("takes over an execution whose lease ran out, and leaves one with a live lease alone", async () => {
    const expired = await heldElsewhere(new Date(Date.now() - 1000));
    const live = await heldElsewhere(new Date(Date.now() + 3600_000));
    const worker = new LocalWorker({ pollMs: 50 });
    worker.start();
    try {
      await expect.poll(async () => (await getDb().execution.findUniqueOrThrow({ where: { id: expired.id } })).status, { timeout: 15_000, interval: 50 }).toBe("completed");
    } finally {
      await worker.stop();
    }
    expect(await getDb().execution.findUniqueOrThrow({ where: { id: expired.id } })).toMatchObject({ output: { done: "yes" }, leaseOwner: null });
    // A process on another host cannot be checked for life: only the lease's end frees it.
    expect(await getDb().execution.findUniqueOrThrow({ where: { id: live.id } })).toMatchObject({ status: "running", leaseOwner: "other-host:4242:abcdef" });
  });
});
