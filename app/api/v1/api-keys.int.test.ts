import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { call, createTeam } from "@/scripts/testing/fixtures";
import * as apiKeys from "@/app/api/v1/api-keys/route";
import * as apiKey from "@/app/api/v1/api-keys/[id]/route";
import * as workflows from "@/app/api/v1/workflows/route";
import * as activity from "@/app/api/v1/activity/route";

describe("API keys", () => {
  it("are shown once, stored hashed, resolve to their workspace and role, and record last use", async () => {
    const team = await createTeam();
    const created = await call(apiKeys.POST, { as: team.owner, body: { name: "CI", role: "editor" } });
    expect(created.status).toBe(201);
    const key: string = created.body.key;
    expect(key).toMatch(/^agk_[A-Za-z0-9_-]{40}$/);
    expect(created.body.prefix).toBe(key.slice(0, 12));

    const listed = await call(apiKeys.GET, { as: team.owner });
    expect(JSON.stringify(listed.body)).not.toContain(key);
    expect(listed.body.items[0]).not.toHaveProperty("keyHash");
    const stored = await getDb().apiKey.findUniqueOrThrow({ where: { id: created.body.id } });
    expect(stored.keyHash).not.toBe(key);
    expect(stored.lastUsedAt).toBeNull();

    const made = await call(workflows.POST, { as: { apiKey: key }, body: { name: "From CI" } });
    expect(made.status).toBe(201);
    const listedByKey = await call(workflows.GET, { as: { apiKey: key } });
    expect(listedByKey.body.items.map((w: { name: string }) => w.name)).toEqual(["From CI"]);
    expect((await getDb().apiKey.findUniqueOrThrow({ where: { id: created.body.id } })).lastUsedAt).not.toBeNull();
  });

  it("carry their role: a viewer key reads but cannot write", async () => {
    const team = await createTeam();
    const { body } = await call(apiKeys.POST, { as: team.owner, body: { name: "dashboards", role: "viewer" } });
    expect((await call(workflows.GET, { as: { apiKey: body.key } })).status).toBe(200);
    const write = await call(workflows.POST, { as: { apiKey: body.key }, body: { name: "nope" } });
    expect(write.status).toBe(403);
  });

  it("stop working when revoked, and the revocation is logged", async () => {
    const team = await createTeam();
    const { body } = await call(apiKeys.POST, { as: team.owner, body: { name: "temp", role: "editor" } });
    expect((await call(apiKey.DELETE, { method: "DELETE", as: team.owner, params: { id: body.id } })).status).toBe(204);
    const after = await call(workflows.GET, { as: { apiKey: body.key } });
    expect(after.status).toBe(401);
    expect(after.headers.get("www-authenticate")).toBe("Bearer");
    const log = await call(activity.GET, { as: team.owner, query: { action: "api_key." } });
    expect(log.body.items.map((entry: { action: string }) => entry.action)).toEqual(["api_key.revoked", "api_key.created"]);
  });

  it("reject unknown keys and malformed headers with 401", async () => {
    expect((await call(workflows.GET, { as: { apiKey: "agk_nope" } })).status).toBe(401);
    expect((await call(workflows.GET, { headers: { authorization: "Basic abc" } })).status).toBe(401);
  });

  it("cannot be created above the creator's role or as owner", async () => {
    const team = await createTeam(["admin"]);
    expect((await call(apiKeys.POST, { as: team.members[0]!, body: { name: "x", role: "owner" } })).status).toBe(400);
  });
});
