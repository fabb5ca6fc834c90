import { describe, expect, it } from "vitest";
import { GET as listActivity } from "@/app/api/v1/activity/route";
import { GET as listExecutions } from "@/app/api/v1/executions/route";
import { GET, POST } from "@/app/api/v1/workflows/route";
import { call, createTeam } from "@/scripts/testing/fixtures";

describe("cookie-authenticated writes from another site are refused (Origin / Sec-Fetch-Site)", () => {
  it("answers 403 to a cross-site JSON POST with the session cookie, and lets the app's own pages write", async () => {
    const { owner } = await createTeam();
    const as = { cookie: owner.cookie };
    const body = { name: "From elsewhere" };
    const evil = await call(POST, { as, body, headers: { host: "agentry.test", origin: "https://evil.example" } });
    expect(evil.status).toBe(403);
    expect(evil.body.detail).toMatch(/Cross-site request refused/);
    const marked = await call(POST, { as, body, headers: { host: "agentry.test", "sec-fetch-site": "cross-site" } });
    expect(marked.status).toBe(403);
    expect((await call(GET, { as })).body.items).toEqual([]);

    expect((await call(POST, { as, body: { name: "From the studio" }, headers: { host: "agentry.test", origin: "http://agentry.test", "sec-fetch-site": "same-origin" } })).status).toBe(201);
    expect((await call(POST, { as, body: { name: "From curl" }, headers: { host: "agentry.test" } })).status).toBe(201);
    // Reads are not writes.
    expect((await call(GET, { as, headers: { host: "agentry.test", origin: "https://evil.example" } })).status).toBe(200);
  });
});

describe("malformed cursors", () => {
  it("answer 400 naming query.cursor instead of an empty page, on every cursor-paginated list", async () => {
    const { owner } = await createTeam();
    const as = { cookie: owner.cookie };
    for (const name of ["one", "two"]) expect((await call(POST, { as, body: { name } })).status).toBe(201);
    const first = await call(GET, { as, query: { limit: "1" } });
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await call(GET, { as, query: { limit: "1", cursor: first.body.nextCursor } });
    expect(second.status).toBe(200);
    expect(second.body.items).toHaveLength(1);

    for (const handler of [GET, listExecutions, listActivity]) {
      const bad = await call(handler, { as, query: { cursor: "not-a-cursor" } });
      expect(bad.status).toBe(400);
      expect(bad.body.errors).toEqual([expect.objectContaining({ path: "query.cursor" })]);
    }
    // A cursor of another workspace's list is not valid here either.
    const other = await createTeam();
    const foreign = await call(GET, { as: { cookie: other.owner.cookie }, query: { cursor: first.body.nextCursor } });
    expect(foreign.status).toBe(400);
  });
});
