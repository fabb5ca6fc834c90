import fs from "node:fs";
import path from "node:path";
import SwaggerParser from "@apidevtools/swagger-parser";
import { describe, expect, it } from "vitest";
import { buildOpenApiDocument, OPERATIONS } from "@/lib/openapi/build-openapi-document";

const APP = path.resolve(import.meta.dirname, "../../app");

/** Every route handler file under app/api with the HTTP methods it exports. */
function routeFiles(): { path: string; methods: string[] }[] {
  const found: { path: string; methods: string[] }[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === "route.ts") {
        const source = fs.readFileSync(full, "utf8");
        const methods = [...source.matchAll(/export (?:const|async function|function) (GET|POST|PUT|PATCH|DELETE)\b|export const \{ ([A-Z, ]+) \}/g)].flatMap((match) => (match[1] ? [match[1]] : match[2]!.split(",").map((name) => name.trim())));
        const route = "/" + path.relative(path.resolve(APP, ".."), path.dirname(full)).replace(/^app\//, "").replace(/\[(\w+)\]/g, "{$1}");
        found.push({ path: route, methods: methods.map((method) => method.toLowerCase()) });
      }
    }
  };
  walk(path.join(APP, "api"));
  return found;
}

describe("the OpenAPI document", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    const document = structuredClone(buildOpenApiDocument());
    await expect(SwaggerParser.validate(document as never)).resolves.toBeTruthy();
    expect(document.openapi).toBe("3.1.0");
  });

  it("documents every REST route handler and nothing that does not exist", () => {
    const documented = new Set(OPERATIONS.map((operation) => `${operation.method} ${operation.path}`));
    const routes = routeFiles().filter((route) => route.path.startsWith("/api/v1") || route.path.startsWith("/api/health"));
    const implemented = new Set(routes.flatMap((route) => route.methods.map((method) => `${method} ${route.path}`)));
    // Webhooks also accept GET and PUT for callers that cannot POST; the contract documents POST.
    for (const extra of ["get /api/v1/hooks/{triggerId}", "put /api/v1/hooks/{triggerId}"]) implemented.delete(extra);
    expect([...implemented].filter((entry) => !documented.has(entry))).toEqual([]);
    expect([...documented].filter((entry) => !implemented.has(entry))).toEqual([]);
  });

  it("describes request bodies from the routes' zod schemas and errors as problem+json", () => {
    const document = buildOpenApiDocument();
    const publish = document.paths!["/api/v1/workflows/{id}/executions"]!.post!;
    const body = (publish.requestBody as { content: Record<string, { schema: { properties: Record<string, unknown> } }> }).content["application/json"]!.schema;
    expect(Object.keys(body.properties)).toEqual(["input", "version", "idempotencyKey", "budget"]);
    expect(Object.keys(publish.responses!)).toEqual(expect.arrayContaining(["202", "400", "401", "403", "404", "409"]));
    expect((publish.responses!["404"] as { content: Record<string, unknown> }).content["application/problem+json"]).toBeDefined();
  });

  it("marks a body optional exactly when {} is valid (no body reads as {})", () => {
    const document = buildOpenApiDocument();
    const required = (path: string, method: "post" | "patch") => (document.paths![path]![method]!.requestBody as { required: boolean }).required;
    expect(required("/api/v1/workflows/{id}/publish", "post")).toBe(false);
    expect(required("/api/v1/workflows/{id}/executions", "post")).toBe(false);
    expect(required("/api/v1/workflows", "post")).toBe(true);
    expect(required("/api/v1/workflows/{id}", "patch")).toBe(true);
  });
});
