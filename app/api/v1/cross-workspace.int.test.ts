import { describe, expect, it } from "vitest";
import { call, createTeam, uniqueEmail } from "@/scripts/testing/fixtures";
import * as apiKeys from "@/app/api/v1/api-keys/route";
import * as apiKey from "@/app/api/v1/api-keys/[id]/route";
import * as invitations from "@/app/api/v1/invitations/route";
import * as invitation from "@/app/api/v1/invitations/[id]/route";
import * as members from "@/app/api/v1/members/route";
import * as member from "@/app/api/v1/members/[userId]/route";
import * as workflows from "@/app/api/v1/workflows/route";
import * as workflow from "@/app/api/v1/workflows/[id]/route";
import * as workspace from "@/app/api/v1/workspaces/[id]/route";
import * as active from "@/app/api/v1/workspaces/active/route";

/** Two unrelated teams; the first one's owner (and key) reaches for the second one's resources. */
async function twoTeams() {
  const mine = await createTeam();
  const theirs = await createTeam(["editor"]);
  const theirWorkflow = (await call(workflows.POST, { as: theirs.owner, body: { name: "Secret" } })).body;
  const theirInvitation = (await call(invitations.POST, { as: theirs.owner, body: { email: uniqueEmail(), role: "viewer" } })).body;
  const theirKey = (await call(apiKeys.POST, { as: theirs.owner, body: { name: "theirs", role: "editor" } })).body;
  const myKey = (await call(apiKeys.POST, { as: mine.owner, body: { name: "mine", role: "admin" } })).body.key as string;
  return { mine, theirs, theirWorkflow, theirInvitation, theirKey, myKey };
}

describe("another workspace's ids answer 404", () => {
  it("through a session", async () => {
    const { mine, theirs, theirWorkflow, theirInvitation, theirKey } = await twoTeams();
    const as = mine.owner;
    const attempts = [
      call(workflow.GET, { as, params: { id: theirWorkflow.id } }),
      call(workflow.PATCH, { method: "PATCH", as, params: { id: theirWorkflow.id }, body: { name: "mine now" } }),
      call(workflow.DELETE, { method: "DELETE", as, params: { id: theirWorkflow.id } }),
      call(invitation.DELETE, { method: "DELETE", as, params: { id: theirInvitation.id } }),
      call(apiKey.DELETE, { method: "DELETE", as, params: { id: theirKey.id } }),
      call(member.PATCH, { method: "PATCH", as, params: { userId: theirs.members[0]!.id }, body: { role: "viewer" } }),
      call(member.DELETE, { method: "DELETE", as, params: { userId: theirs.owner.id } }),
      call(workspace.GET, { as, params: { id: theirs.workspace.id } }),
      call(workspace.DELETE, { method: "DELETE", as, params: { id: theirs.workspace.id } }),
      call(members.GET, { as, headers: { "x-agentry-workspace": theirs.workspace.id } }),
      call(active.PUT, { method: "PUT", as, body: { workspaceId: theirs.workspace.id } }),
    ];
    for (const result of await Promise.all(attempts)) expect(result.status).toBe(404);
    const still = await call(workflow.GET, { as: theirs.owner, params: { id: theirWorkflow.id } });
    expect(still.body.name).toBe("Secret");
  });

  it("through an API key", async () => {
    const { theirs, theirWorkflow, theirInvitation, myKey } = await twoTeams();
    const as = { apiKey: myKey };
    for (const result of await Promise.all([
      call(workflow.GET, { as, params: { id: theirWorkflow.id } }),
      call(workflow.DELETE, { method: "DELETE", as, params: { id: theirWorkflow.id } }),
      call(invitation.DELETE, { method: "DELETE", as, params: { id: theirInvitation.id } }),
      call(member.DELETE, { method: "DELETE", as, params: { userId: theirs.members[0]!.id } }),
    ])) {
      expect(result.status).toBe(404);
    }
    // A key is bound to its workspace: asking for another one changes nothing.
    const listed = await call(workflows.GET, { as, headers: { "x-agentry-workspace": theirs.workspace.id } });
    expect(listed.body.items).toEqual([]);
  });
});
