import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { GET } from "@/app/api/openapi.json/route";
import { UI_PARITY } from "@/lib/openapi/ui-parity";

const ROOT = path.resolve(import.meta.dirname, "../..");
const WRITES = new Set(["post", "put", "patch", "delete"]);

async function writeOperations(): Promise<string[]> {
  const response = await GET(new Request("http://agentry.test/api/openapi.json"));
  const document = (await response.json()) as { paths: Record<string, Record<string, unknown>> };
  return Object.entries(document.paths).flatMap(([route, operations]) => Object.keys(operations).filter((method) => WRITES.has(method)).map((method) => `${method} ${route}`));
}

describe("UI parity: every write operation of the API has a studio path (or a stated reason)", () => {
  it("lists every write operation of /api/openapi.json, and nothing else", async () => {
    const operations = await writeOperations();
    expect(operations.length).toBeGreaterThan(20);
    expect(operations.filter((operation) => !(operation in UI_PARITY)), "write operations without a studio path in lib/openapi/ui-parity.ts").toEqual([]);
    expect(Object.keys(UI_PARITY).filter((operation) => !operations.includes(operation)), "entries for operations that do not exist").toEqual([]);
  });

  it("names components that exist and call the operation", () => {
    for (const [operation, ui] of Object.entries(UI_PARITY)) {
      if ("apiOnly" in ui) {
        expect(ui.apiOnly.length, operation).toBeGreaterThan(20);
        continue;
      }
      const file = path.join(ROOT, ui.file);
      expect(fs.existsSync(file), `${operation}: ${ui.file} exists`).toBe(true);
      const source = fs.readFileSync(file, "utf8");
      const [method, route] = operation.split(" ") as [string, string];
      const lastStatic = route.split("/").filter((segment) => segment && !segment.startsWith("{")).at(-1)!;
      expect(source.includes(`"${method.toUpperCase()}"`), `${operation}: ${ui.file} sends ${method.toUpperCase()}`).toBe(true);
      expect(source.includes(lastStatic), `${operation}: ${ui.file} mentions ${lastStatic}`).toBe(true);
    }
  });
});
