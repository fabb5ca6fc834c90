import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { call, createTeam } from "@/scripts/testing/fixtures";
import { asJson, gedge, ggraph, gnode } from "@/scripts/testing/workflow-fixtures";
import { workspaceActor } from "@/lib/auth/workspace-actor";
import { getFirstRunProgress } from "@/lib/workspaces/get-first-run-progress";
import * as credentials from "@/app/api/v1/credentials/route";
import * as workflows from "@/app/api/v1/workflows/route";
import * as publish from "@/app/api/v1/workflows/[id]/publish/route";

describe("the Overview's first-run path", () => {
  it("checks each step off from the workspace's own rows only", async () => {
    const mine = await createTeam();
    const theirs = await createTeam();
    const progress = () => getFirstRunProgress(workspaceActor(mine.workspace.id, "viewer"));
    expect(await progress()).toEqual({ hasModelCredential: false, workflow: null, latestRun: null, completedRun: null });

    // Another workspace's progress does not count; an HTTP token is not a model credential.
    await call(credentials.POST, { as: theirs.owner, body: { name: "Theirs", provider: "openai", secret: "sk" } });
    await call(workflows.POST, { as: theirs.owner, body: { name: "Theirs" } });
    await call(credentials.POST, { as: mine.owner, body: { name: "Token", provider: "http", secret: "t" } });
    expect((await progress()).hasModelCredential).toBe(false);
    await call(credentials.POST, { as: mine.owner, body: { name: "Local", provider: "openai-compatible", baseUrl: "http://localhost:11434/v1" } });
    expect((await progress()).hasModelCredential).toBe(true);

    const flow = await call(workflows.POST, { as: mine.owner, body: { name: "Mine", graph: ggraph([gnode("start", "trigger.manual"), gnode("out", "flow.output", { name: "v", value: "1" })], [gedge("start", "out")]) } });
    expect((await progress()).workflow).toEqual({ id: flow.body.id, name: "Mine" });
    expect((await progress()).latestRun).toBeNull();

    await call(publish.POST, { as: mine.owner, params: { id: flow.body.id }, body: {} });
    const db = getDb();
    const version = await db.workflowVersion.findFirstOrThrow({ where: { workflowId: flow.body.id } });
    // Rows leased elsewhere, so no worker runs them: the path reads state, not events.
    const base = { workspaceId: mine.workspace.id, workflowId: flow.body.id, versionId: version.id, version: 1, input: asJson(ggraph([], [])), leaseOwner: "elsewhere", leaseExpiresAt: new Date(Date.now() + 3600_000) };
    const failed = await db.execution.create({ data: { ...base, status: "failed", finishedAt: new Date() } });
    expect(await progress()).toMatchObject({ latestRun: { id: failed.id, status: "failed" }, completedRun: null });
    const completed = await db.execution.create({ data: { ...base, status: "completed", finishedAt: new Date() } });
    expect((await progress()).completedRun).toEqual({ id: completed.id, workflowId: flow.body.id });
  });
});
