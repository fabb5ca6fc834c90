import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { call, createSignedInUser, createTeam } from "@/scripts/testing/fixtures";
import * as workspaces from "@/app/api/v1/workspaces/route";
import * as active from "@/app/api/v1/workspaces/active/route";
import * as members from "@/app/api/v1/members/route";
import * as member from "@/app/api/v1/members/[userId]/route";
import * as workflows from "@/app/api/v1/workflows/route";

describe("workspaces", () => {
  it("a user creates more workspaces, switches between them, and the choice is remembered", async () => {
    const user = await createSignedInUser();
    // No workspace yet: the first request gives the user a personal one.
    const first = await call(members.GET, { as: user });
    expect(first.status).toBe(200);
    const created = await call(workspaces.POST, { as: user, body: { name: "  Side project  " } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: "Side project", role: "owner" });

    const listed = await call(workspaces.GET, { as: user });
    expect(listed.body.items).toHaveLength(2);
    await call(workflows.POST, { as: user, body: { name: "Lives in Side project" } });

    const personal = listed.body.items.find((w: { id: string }) => w.id !== created.body.id);
    expect((await call(active.PUT, { method: "PUT", as: user, body: { workspaceId: personal.id } })).status).toBe(200);
    expect((await getDb().user.findUniqueOrThrow({ where: { id: user.id } })).activeWorkspaceId).toBe(personal.id);
    expect((await call(workflows.GET, { as: user })).body.items).toEqual([]);
    const explicit = await call(workflows.GET, { as: user, headers: { "x-agentry-workspace": created.body.id } });
    expect(explicit.body.items.map((w: { name: string }) => w.name)).toEqual(["Lives in Side project"]);
  });

  it("after leaving the active workspace, requests fall back to another membership", async () => {
    const team = await createTeam(["editor"]);
    const editor = team.members[0]!;
    expect((await call(member.DELETE, { method: "DELETE", as: editor, params: { userId: editor.id } })).status).toBe(204);
    const after = await call(workspaces.GET, { as: editor });
    expect(after.body.items.map((w: { id: string }) => w.id)).not.toContain(team.workspace.id);
    const mine = await call(members.GET, { as: editor });
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((m: { userId: string; role: string }) => [m.userId, m.role])).toEqual([[editor.id, "owner"]]);
  });

  it("rejects an empty workspace name", async () => {
    const user = await createSignedInUser();
    const result = await call(workspaces.POST, { as: user, body: { name: "   " } });
    expect(result.status).toBe(400);
    expect(result.body.errors[0]).toMatchObject({ path: "body.name", message: "Name the workspace." });
  });
});

describe("the sign-in endpoint", () => {
  it("rate limits direct POSTs of sign-in emails with 429", async () => {
    const { POST } = await import("@/app/api/auth/[...nextauth]/route");
    const email = `flood-${Math.random()}@example.test`;
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const request = new Request("http://agentry.test/api/auth/signin/email", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": `198.51.100.${i}` },
        body: new URLSearchParams({ email }),
      });
      statuses.push((await POST(request as never)).status);
    }
    expect(statuses.slice(0, 5).every((status) => status !== 429)).toBe(true);
    expect(statuses[5]).toBe(429);
  });
});

describe("saving drafts", () => {
  it("refuses a save based on an old revision with 409 instead of overwriting", async () => {
    const { owner } = await createTeam();
    const { POST } = await import("@/app/api/v1/workflows/route");
    const { PATCH, GET } = await import("@/app/api/v1/workflows/[id]/route");
    const created = await call(POST, { as: owner, body: { name: "Shared" } });
    expect(created.body.draftRevision).toBe(0);
    const tabA = await call(PATCH, { as: owner, params: { id: created.body.id }, body: { description: "from tab A", baseRevision: 0 } });
    expect(tabA.body.draftRevision).toBe(1);
    const tabB = await call(PATCH, { as: owner, params: { id: created.body.id }, body: { description: "from tab B", baseRevision: 0 } });
    expect(tabB.status).toBe(409);
    expect(tabB.body.detail).toMatch(/changed elsewhere/);
    expect((await call(GET, { as: owner, params: { id: created.body.id } })).body.description).toBe("from tab A");
  });
});
