import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import { json, route } from "@/lib/http/route";

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

  it("hands route params to the handler", async () => {
    const show = route({ auth: "public" }, async ({ params }) => json({ id: params.id }));
    const response = await show(new Request("http://test/api/things/t1"), { params: Promise.resolve({ id: "t1" }) });
    expect(await response.json()).toEqual({ id: "t1" });
  });
});
