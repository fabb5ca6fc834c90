import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import { json, param, route } from "@/lib/http/route";

const createThing = route(
  { auth: "public", body: z.object({ name: z.string().min(1), size: z.number().int().optional() }), maxBodyBytes: 64 },
  async ({ body }) => json({ created: body.name }, { status: 201 }),
);

function post(body: string, headers: Record<string, string> = { "content-type": "application/json" }) {
  return createThing(new Request("http://test/api/things", { method: "POST", body, headers }));
}

describe("route wrapper", () => {
  it("passes a valid body to the handler", async () => {
    const response = await post(JSON.stringify({ name: "alpha" }));
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ created: "alpha" });
  });

  it("answers malformed JSON with a 400 problem", async () => {
    const response = await post("{ not json");
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(await response.json()).toMatchObject({ status: 400, title: "Bad Request", detail: "The request body is not valid JSON." });
  });

  it("lists every invalid field with its path", async () => {
    const response = await post(JSON.stringify({ name: "", size: "big" }));
    const problem = await response.json();
    expect(response.status).toBe(400);
    expect(problem.errors.map((error: { path: string }) => error.path).sort()).toEqual(["body.name", "body.size"]);
  });

  it("refuses a body over the limit with 413, whatever Content-Length says", async () => {
    const response = await post(JSON.stringify({ name: "x".repeat(100) }));
    expect(response.status).toBe(413);
    const chunked = await createThing(
      new Request("http://test/api/things", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: new ReadableStream({
          start(controller) {
            controller.enqueue(new TextEncoder().encode(`{"name":"${"y".repeat(200)}"}`));
            controller.close();
          },
        }),
        duplex: "half",
      } as RequestInit),
    );
    expect(chunked.status).toBe(413);
  });

  it("refuses a non-JSON content type with 415", async () => {
    const response = await post("name=alpha", { "content-type": "application/x-www-form-urlencoded" });
    expect(response.status).toBe(415);
  });

  it("validates the query string", async () => {
    const list = route({ auth: "public", query: z.object({ limit: z.coerce.number().int().max(100) }) }, async ({ query }) => json(query));
    expect(await (await list(new Request("http://test/api/things?limit=5"))).json()).toEqual({ limit: 5 });
    const bad = await list(new Request("http://test/api/things?limit=500"));
    expect(bad.status).toBe(400);
    expect((await bad.json()).errors[0].path).toBe("query.limit");
  });

  it("maps AppError codes to their status and keeps extra headers", async () => {
    const limited = route({ auth: "public" }, async () => {
      throw new AppError("rate_limited", "Slow down.", { headers: { "retry-after": "7" } });
    });
    const response = await limited(new Request("http://test/api/x"));
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("7");
    expect(await response.json()).toMatchObject({ title: "Too Many Requests", detail: "Slow down." });
  });

  it("hides the internals of unexpected errors behind a 500 with an error id", async () => {
    const broken = route({ auth: "public" }, async () => {
      throw new Error("password=hunter2 at db.internal:5432");
    });
    const originalError = console.error;
    console.error = () => {};
    try {
      const response = await broken(new Request("http://test/api/x"));
      const text = await response.text();
      expect(response.status).toBe(500);
      expect(text).not.toContain("hunter2");
      expect(JSON.parse(text).errorId).toMatch(/^[0-9a-f-]{36}$/);
    } finally {
      console.error = originalError;
    }
  });

  it("reads an absent body as {} whatever the content type, so bodyless actions work", async () => {
    const act = route({ auth: "public", body: z.object({ note: z.string().default("") }) }, async ({ body }) => json(body, { status: 201 }));
    for (const init of [{}, { body: "" }, { body: "", headers: { "content-type": "text/plain" } }, { body: " \n", headers: { "content-type": "application/json" } }]) {
      const response = await act(new Request("http://test/api/act", { method: "POST", ...init }));
      expect(response.status, JSON.stringify(init)).toBe(201);
      expect(await response.json()).toEqual({ note: "" });
    }
    // A required body still says which fields are missing.
    const missing = await createThing(new Request("http://test/api/things", { method: "POST" }));
    expect(missing.status).toBe(400);
    expect((await missing.json()).errors[0].path).toBe("body.name");
  });

  it("refuses text PostgreSQL cannot store, naming each field, and too deep JSON", async () => {
    for (const [body, paths] of [
      [{ name: "a\u0000b" }, ["body.name"]],
      [{ name: "\ud800", size: "x" }, ["body.name", "body.size"]],
      [{ name: "ok", extra: { list: ["fine", "\udc00"] } }, ["body.extra.list.1"]],
      [{ name: "ok", "key\u0000": 1 }, ["body"]],
    ] as const) {
      const response = await post(JSON.stringify(body));
      expect(response.status, JSON.stringify(body)).toBe(400);
      const problem = await response.json();
      expect(problem.errors.map((error: { path: string }) => error.path)).toEqual(paths);
      expect(problem.errors[0].message).toMatch(/U\+(0000|D800|DC00)/);
    }
    const deep = await route({ auth: "public", body: z.unknown() }, async () => json({}))(
      new Request("http://test/api/x", { method: "POST", headers: { "content-type": "application/json" }, body: "[".repeat(5000) + "]".repeat(5000) }),
    );
    expect(deep.status).toBe(400);
    expect((await deep.json()).errors[0].message).toMatch(/deeper than 64/);
  });

  it("refuses a JSON body that is not UTF-8 instead of guessing", async () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('{"name":"a'), 0xc0, 0x80, ...new TextEncoder().encode('"}')]);
    const response = await createThing(new Request("http://test/api/things", { method: "POST", headers: { "content-type": "application/json" }, body: bytes }));
    expect(response.status).toBe(400);
    expect((await response.json()).detail).toBe("The request body is not valid UTF-8.");
  });

  it("lets declared JSON data fields carry any text, and checks the query and route params too", async () => {
    const start = route({ auth: "public", body: z.object({ key: z.string(), input: z.record(z.string(), z.unknown()) }), jsonData: ["input"] }, async ({ body }) => json(body));
    const request = (body: unknown) => new Request("http://test/api/start", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    expect((await start(request({ key: "k", input: { "a\u0000": ["\ud800"] } }))).status).toBe(200);
    const bad = await start(request({ key: "k\u0000", input: {} }));
    expect((await bad.json()).errors.map((error: { path: string }) => error.path)).toEqual(["body.key"]);

    const list = route({ auth: "public", query: z.object({ cursor: z.string().optional() }) }, async ({ query }) => json(query));
    const badQuery = await list(new Request("http://test/api/things?cursor=a%00b"));
    expect(badQuery.status).toBe(400);
    expect((await badQuery.json()).errors[0].path).toBe("query.cursor");

    const show = route({ auth: "public" }, async ({ params }) => json({ id: param(params, "id") }));
    expect((await show(new Request("http://test/api/things/x"), { params: Promise.resolve({ id: "a\u0000" }) })).status).toBe(404);
  });

  it("hands route params to the handler", async () => {
    const show = route({ auth: "public" }, async ({ params }) => json({ id: params.id }));
    const response = await show(new Request("http://test/api/things/t1"), { params: Promise.resolve({ id: "t1" }) });
    expect(await response.json()).toEqual({ id: "t1" });
  });
});
