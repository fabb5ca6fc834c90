import { describe, expect, it } from "vitest";
import { call, createTeam } from "@/scripts/testing/fixtures";
import * as member from "@/app/api/v1/members/[userId]/route";
import * as members from "@/app/api/v1/members/route";
import * as transfer from "@/app/api/v1/workspaces/[id]/transfer/route";
import * as activity from "@/app/api/v1/activity/route";

describe("members and owners", () => {
  it("an admin changes a role, and the change is logged with before and after", async () => {
    const team = await createTeam(["admin", "editor"]);
    const [admin, editor] = team.members;
    const changed = await call(member.PATCH, { method: "PATCH", as: admin!, params: { userId: editor!.id }, body: { role: "viewer" } });
    expect(changed.status).toBe(200);
    const log = await call(activity.GET, { as: team.owner, query: { action: "member." } });
    expect(log.body.items[0]).toMatchObject({ action: "member.role_changed", targetId: editor!.id, data: { from: "editor", to: "viewer" }, actorEmail: admin!.email });
  });

  it("the last owner can be neither demoted nor removed, nor leave", async () => {
    const team = await createTeam();
    const demote = await call(member.PATCH, { method: "PATCH", as: team.owner, params: { userId: team.owner.id }, body: { role: "admin" } });
    expect(demote.status).toBe(409);
    expect(demote.body.detail).toMatch(/last owner/);
    const leave = await call(member.DELETE, { method: "DELETE", as: team.owner, params: { userId: team.owner.id } });
    expect(leave.status).toBe(409);
  });

  it("with two owners, one may step down", async () => {
    const team = await createTeam(["owner"]);
    expect((await call(member.PATCH, { method: "PATCH", as: team.owner, params: { userId: team.owner.id }, body: { role: "admin" } })).status).toBe(200);
    expect((await call(member.PATCH, { method: "PATCH", as: team.members[0]!, params: { userId: team.members[0]!.id }, body: { role: "admin" } })).status).toBe(409);
  });

  it("admins cannot touch owners or make owners", async () => {
    const team = await createTeam(["admin", "editor"]);
    const [admin, editor] = team.members;
    expect((await call(member.PATCH, { method: "PATCH", as: admin!, params: { userId: team.owner.id }, body: { role: "viewer" } })).status).toBe(403);
    expect((await call(member.DELETE, { method: "DELETE", as: admin!, params: { userId: team.owner.id } })).status).toBe(403);
    expect((await call(member.PATCH, { method: "PATCH", as: admin!, params: { userId: editor!.id }, body: { role: "owner" } })).status).toBe(403);
  });

  it("any member may leave", async () => {
    const team = await createTeam(["viewer"]);
    const viewer = team.members[0]!;
    expect((await call(member.DELETE, { method: "DELETE", as: viewer, params: { userId: viewer.id } })).status).toBe(204);
    const list = await call(members.GET, { as: team.owner });
    expect(list.body.items.map((m: { userId: string }) => m.userId)).not.toContain(viewer.id);
  });

  it("transferring ownership makes the target owner and the previous owner admin", async () => {
    const team = await createTeam(["editor"]);
    const editor = team.members[0]!;
    expect((await call(transfer.POST, { as: team.owner, params: { id: team.workspace.id }, body: { userId: editor.id } })).status).toBe(204);
    const roles = Object.fromEntries((await call(members.GET, { as: editor })).body.items.map((m: { userId: string; role: string }) => [m.userId, m.role]));
    expect(roles).toEqual({ [team.owner.id]: "admin", [editor.id]: "owner" });
  });

  it("rejects an unknown role with a 400 listing the field", async () => {
    const team = await createTeam(["editor"]);
    const result = await call(member.PATCH, { method: "PATCH", as: team.owner, params: { userId: team.members[0]!.id }, body: { role: "superuser" } });
    expect(result.status).toBe(400);
    expect(result.body.errors[0].path).toBe("body.role");
  });
});
