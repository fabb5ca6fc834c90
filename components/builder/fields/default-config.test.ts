import { describe, expect, it } from "vitest";
import { configIssues } from "@/components/builder/fields/config-issues";
import { defaultsOf, formModelOf, type FieldModel } from "@/components/builder/fields/field-model";
import type { CatalogEntry } from "@/components/builder/types";
import { nodeCatalog } from "@/lib/engine/node-catalog";
import { NODE_REGISTRY } from "@/lib/engine/registry";

/**
 * Node types whose dropped config cannot be valid: each needs something only the user knows,
 * and the form names exactly these fields. A new node type is valid when dropped or is listed
 * here; this test fails otherwise.
 */
const NEEDS_INPUT: Record<string, string[]> = {
  "trigger.schedule": ["cron"],
  "ai.agent": ["provider", "model", "prompt"],
  "ai.knowledge_search": ["knowledgeBaseId", "query"],
  "logic.condition": ["left"],
  "logic.router": ["routes.0.left"],
  "flow.loop": ["items"],
  "integration.http": ["url"],
  "flow.sub-workflow": ["workflowId"],
};

/** Every path the form renders a field for (rows of lists as their first row). */
function renderedPaths(model: FieldModel, prefix = ""): string[] {
  const join = (name: string) => (prefix ? `${prefix}.${name}` : name);
  if (model.kind === "object") return model.fields.flatMap((field) => [join(field.name), ...renderedPaths(field.model, join(field.name))]);
  if (model.kind === "variants") return model.variants.flatMap((variant) => variant.fields.flatMap((field) => [join(field.name), ...renderedPaths(field.model, join(field.name))]));
  if (model.kind === "list") return [`${prefix}.0`, ...renderedPaths(model.item, `${prefix}.0`)];
  return [];
}

describe("a dropped node's default config", () => {
  const catalog = nodeCatalog() as unknown as CatalogEntry[];

  it.each(catalog.map((entry) => [entry.type, entry] as const))("%s is valid, or the form names the fields to fill", (type, entry) => {
    // What the editor stores when a node is dropped: the schema's top-level defaults.
    const config = defaultsOf(entry.configSchema);
    const issues = configIssues(type, config);
    expect([...issues.keys()].sort()).toEqual([...(NEEDS_INPUT[type] ?? [])].sort());
    const paths = new Set(renderedPaths(formModelOf(entry)));
    for (const [path, message] of issues) {
      expect(paths.has(path), `${type}: no field is rendered for "${path}"`).toBe(true);
      expect(message).not.toMatch(/^(Invalid input|Too small|Too big)/);
    }
  });

  it("covers every registered node type", () => {
    expect(catalog.map((entry) => entry.type).sort()).toEqual([...NODE_REGISTRY.keys()].sort());
    for (const type of Object.keys(NEEDS_INPUT)) expect(NODE_REGISTRY.has(type), type).toBe(true);
  });

  it("keeps stored configs valid", () => {
    const stored: [string, unknown][] = [
      ["data.transform", { mode: "fields", fields: { name: "{{ input.name }}" } }],
      ["data.transform", { mode: "template", template: "Hi {{ input.name }}" }],
      ["logic.router", { routes: [{ handle: "a", left: "{{ prev.x }}", operator: "equals", right: "1" }] }],
      ["logic.condition", { left: "{{ prev.ok }}", operator: "is_true" }],
      ["flow.delay", { seconds: 5 }],
      ["data.code", { source: "return 1;" }],
      ["human.approval", { message: "Ok?", notifyMembers: "a@example.test", notifyRole: "admin" }],
    ];
    for (const [type, config] of stored) expect(NODE_REGISTRY.get(type)!.configSchema.safeParse(config).success, type).toBe(true);
    // A stored router keeps its routes (the prefilled route is only for a missing list).
    expect((NODE_REGISTRY.get("logic.router")!.configSchema.parse(stored[2]![1]) as { routes: unknown[] }).routes).toHaveLength(1);
  });
});
