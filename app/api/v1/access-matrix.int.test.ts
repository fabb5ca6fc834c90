import { describe, expect, it } from "vitest";
import { hasRole, type Role } from "@/lib/auth/roles";
import { createTeam, call, uniqueEmail } from "@/scripts/testing/fixtures";
import * as activity from "@/app/api/v1/activity/route";
import * as apiKeys from "@/app/api/v1/api-keys/route";
import * as invitations from "@/app/api/v1/invitations/route";
import * as invitation from "@/app/api/v1/invitations/[id]/route";
import * as members from "@/app/api/v1/members/route";
import * as member from "@/app/api/v1/members/[userId]/route";
import * as workflows from "@/app/api/v1/workflows/route";
import * as workflow from "@/app/api/v1/workflows/[id]/route";
import * as workspace from "@/app/api/v1/workspaces/[id]/route";
import * as transfer from "@/app/api/v1/workspaces/[id]/transfer/route";

type Team = Awaited<ReturnType<typeof createTeam>>;
type Ctx = { team: Team; as: { cookie: string }; targetId: string; workflowId: string; invitationId: string };

// Every action with the least role allowed to do it (lib/auth/permissions.ts).
const ACTIONS: { name: string; minRole: Role; run: (ctx: Ctx) => ReturnType<typeof call> }[] = [
  { name: "list members", minRole: "viewer", run: ({ as }) => call(members.GET, { as }) },
  { name: "list workflows", minRole: "viewer", run: ({ as }) => call(workflows.GET, { as }) },
  { name: "read a workflow", minRole: "viewer", run: ({ as, workflowId }) => call(workflow.GET, { as, params: { id: workflowId } }) },
  { name: "create a workflow", minRole: "editor", run: ({ as }) => call(workflows.POST, { as, body: { name: "New" } }) },
  { name: "edit a workflow", minRole: "editor", run: ({ as, workflowId }) => call(workflow.PATCH, { as, params: { id: workflowId }, body: { name: "Renamed" } }) },
  { name: "delete a workflow", minRole: "editor", run: ({ as, workflowId }) => call(workflow.DELETE, { as, params: { id: workflowId } }) },
  { name: "invite", minRole: "admin", run: ({ as }) => call(invitations.POST, { as, body: { email: uniqueEmail("invitee"), role: "editor" } }) },
  { name: "list invitations", minRole: "admin", run: ({ as }) => call(invitations.GET, { as }) },
  { name: "revoke an invitation", minRole: "admin", run: ({ as, invitationId }) => call(invitation.DELETE, { as, params: { id: invitationId } }) },
  { name: "change a role", minRole: "admin", run: ({ as, targetId }) => call(member.PATCH, { as, params: { userId: targetId }, body: { role: "viewer" } }) },
  { name: "remove a member", minRole: "admin", run: ({ as, targetId }) => call(member.DELETE, { as, params: { userId: targetId } }) },
  { name: "create an API key", minRole: "admin", run: ({ as }) => call(apiKeys.POST, { as, body: { name: "ci", role: "viewer" } }) },
  { name: "list API keys", minRole: "admin", run: ({ as }) => call(apiKeys.GET, { as }) },
  { name: "read the activity log", minRole: "admin", run: ({ as }) => call(activity.GET, { as }) },
  { name: "rename the workspace", minRole: "admin", run: ({ as, team }) => call(workspace.PATCH, { as, params: { id: team.workspace.id }, body: { name: "Renamed" } }) },
  { name: "transfer ownership", minRole: "owner", run: ({ as, team, targetId }) => call(transfer.POST, { as, params: { id: team.workspace.id }, body: { userId: targetId } }) },
  { name: "delete the workspace", minRole: "owner", run: ({ as, team }) => call(workspace.DELETE, { as, params: { id: team.workspace.id } }) },
];

async function setUp(role: Role): Promise<Ctx> {
  // The acting member, plus an editor to act on; the first owner seeds a workflow and an invitation.
  const team = await createTeam(role === "owner" ? ["owner", "editor"] : [role, "editor"]);
  const ownerAs = { cookie: team.owner.cookie };
  const created = await call(workflows.POST, { as: ownerAs, body: { name: "Seeded" } });
  const invited = await call(invitations.POST, { as: ownerAs, body: { email: uniqueEmail("pending"), role: "viewer" } });
  return { team, as: { cookie: team.members[0]!.cookie }, targetId: team.members[1]!.id, workflowId: created.body.id, invitationId: invited.body.id };
}

describe("the role × action matrix", () => {
  for (const role of ["owner", "admin", "editor", "viewer"] as const) {
    describe(`as ${role}`, () => {
      for (const action of ACTIONS) {
        const allowed = hasRole(role, action.minRole);
        it(`${allowed ? "may" : "may not"} ${action.name}`, async () => {
          const result = await action.run(await setUp(role));
          if (allowed) {
            expect(result.status, JSON.stringify(result.body)).toBeLessThan(300);
          } else {
            expect(result.status).toBe(403);
            expect(result.headers.get("content-type")).toBe("application/problem+json");
          }
        });
      }
    });
  }

  it("refuses every workspace action without credentials (401)", async () => {
    for (const handler of [members.GET, workflows.GET, invitations.GET, apiKeys.GET]) {
      const result = await call(handler);
      expect(result.status).toBe(401);
    }
  });
});
