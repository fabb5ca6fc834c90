import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { hashToken } from "@/lib/auth/tokens";
import { call, createSignedInUser, createTeam, invitationTokenFromOutbox, uniqueEmail } from "@/scripts/testing/fixtures";
import * as invitations from "@/app/api/v1/invitations/route";
import * as invitation from "@/app/api/v1/invitations/[id]/route";
import * as resend from "@/app/api/v1/invitations/[id]/resend/route";
import * as accept from "@/app/api/v1/invitations/accept/route";
import * as members from "@/app/api/v1/members/route";
import * as activity from "@/app/api/v1/activity/route";

async function invite(role: "admin" | "editor" | "viewer" = "editor") {
  const team = await createTeam();
  const email = uniqueEmail("invitee");
  const created = await call(invitations.POST, { as: team.owner, body: { email, role } });
  expect(created.status).toBe(201);
  return { team, email, invitationId: created.body.id as string, token: await invitationTokenFromOutbox(email) };
}

describe("invitations by email link", () => {
  it("emails a link whose token is stored only as a hash, and the invitee joins with the role", async () => {
    const { team, email, invitationId, token } = await invite("editor");
    const row = await getDb().invitation.findUniqueOrThrow({ where: { id: invitationId } });
    expect(row.tokenHash).toBe(hashToken(token));
    expect(JSON.stringify(row)).not.toContain(token);
    expect(row.expiresAt.getTime() - Date.now()).toBeGreaterThan(6.9 * 86_400_000);

    const invitee = await createSignedInUser(email);
    const accepted = await call(accept.POST, { as: invitee, body: { token } });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toEqual({ workspaceId: team.workspace.id, role: "editor" });

    const list = await call(members.GET, { as: invitee });
    expect(list.body.items.map((m: { email: string; role: string }) => [m.email, m.role])).toContainEqual([email, "editor"]);
    const log = await call(activity.GET, { as: team.owner });
    expect(log.body.items.map((entry: { action: string }) => entry.action)).toEqual(expect.arrayContaining(["invitation.sent", "invitation.accepted"]));
  });

  it("is single use", async () => {
    const { email, token } = await invite();
    const invitee = await createSignedInUser(email);
    expect((await call(accept.POST, { as: invitee, body: { token } })).status).toBe(200);
    const again = await call(accept.POST, { as: invitee, body: { token } });
    expect(again.status).toBe(409);
    expect(again.body.detail).toMatch(/already used/);
  });

  it("lets exactly one of two concurrent accepts through", async () => {
    const { email, token } = await invite();
    const invitee = await createSignedInUser(email);
    const results = await Promise.all([call(accept.POST, { as: invitee, body: { token } }), call(accept.POST, { as: invitee, body: { token } })]);
    expect(results.map((result) => result.status).sort()).toEqual([200, 409]);
  });

  it("refuses a different signed-in email and leaves the invitation pending", async () => {
    const { team, token } = await invite();
    const stranger = await createSignedInUser(uniqueEmail("stranger"));
    const refused = await call(accept.POST, { as: stranger, body: { token } });
    expect(refused.status).toBe(403);
    expect(refused.body.detail).toMatch(/This invitation is for .* but you are signed in as/);
    const pending = await call(invitations.GET, { as: team.owner });
    expect(pending.body.items[0].status).toBe("pending");
  });

  it("refuses an expired invitation", async () => {
    const { email, invitationId, token } = await invite();
    await getDb().invitation.update({ where: { id: invitationId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const result = await call(accept.POST, { as: await createSignedInUser(email), body: { token } });
    expect(result.status).toBe(409);
    expect(result.body.detail).toMatch(/expired/);
  });

  it("refuses a revoked invitation", async () => {
    const { team, email, invitationId, token } = await invite();
    expect((await call(invitation.DELETE, { method: "DELETE", as: team.owner, params: { id: invitationId } })).status).toBe(204);
    const result = await call(accept.POST, { as: await createSignedInUser(email), body: { token } });
    expect(result.status).toBe(409);
    expect(result.body.detail).toMatch(/revoked/);
    expect((await call(invitations.GET, { as: team.owner })).body.items).toEqual([]);
  });

  it("re-inviting replaces the old token, and resending does too", async () => {
    const { team, email, token: first } = await invite("viewer");
    await call(invitations.POST, { as: team.owner, body: { email, role: "admin" } });
    const second = await invitationTokenFromOutbox(email);
    expect(second).not.toBe(first);
    const pending = await call(invitations.GET, { as: team.owner });
    expect(pending.body.items).toHaveLength(1);
    expect(pending.body.items[0].role).toBe("admin");

    const resent = await call(resend.POST, { as: team.owner, params: { id: pending.body.items[0].id } });
    expect(resent.status).toBe(200);
    const third = await invitationTokenFromOutbox(email);
    const invitee = await createSignedInUser(email);
    expect((await call(accept.POST, { as: invitee, body: { token: first } })).status).toBe(404);
    expect((await call(accept.POST, { as: invitee, body: { token: second } })).status).toBe(404);
    const accepted = await call(accept.POST, { as: invitee, body: { token: third } });
    expect(accepted.body.role).toBe("admin");
  });

  it("does not invite an existing member, nor as owner, nor a malformed email", async () => {
    const team = await createTeam(["viewer"]);
    const member = team.members[0]!;
    expect((await call(invitations.POST, { as: team.owner, body: { email: member.email, role: "editor" } })).status).toBe(409);
    expect((await call(invitations.POST, { as: team.owner, body: { email: uniqueEmail(), role: "owner" } })).status).toBe(400);
    const malformed = await call(invitations.POST, { as: team.owner, body: { email: "not-an-email", role: "editor" } });
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors[0].path).toBe("body.email");
  });

  it("answers an unknown token with 404 and requires a session to accept", async () => {
    const invitee = await createSignedInUser();
    expect((await call(accept.POST, { as: invitee, body: { token: "x".repeat(43) } })).status).toBe(404);
    expect((await call(accept.POST, { body: { token: "x".repeat(43) } })).status).toBe(401);
  });
});

describe("invitation sends", () => {
  it("are rate limited per workspace with 429 and Retry-After", async () => {
    const team = await createTeam();
    const { INVITATION_SEND_LIMIT } = await import("@/lib/invitations/create-invitation");
    for (let i = 0; i < INVITATION_SEND_LIMIT.limit; i++) {
      const sent = await call(invitations.POST, { as: team.owner, body: { email: uniqueEmail(`bulk${i}`), role: "viewer" } });
      expect(sent.status).toBe(201);
    }
    const limited = await call(invitations.POST, { as: team.owner, body: { email: uniqueEmail("one-too-many"), role: "viewer" } });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
  });
});
