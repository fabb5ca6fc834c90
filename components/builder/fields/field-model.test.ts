import { describe, expect, it } from "vitest";
import { configIssues } from "@/components/builder/fields/config-issues";
import { activeVariant, formModelOf, newListItem, type FieldModel, type FieldSpec } from "@/components/builder/fields/field-model";
import type { CatalogEntry } from "@/components/builder/types";
import { nodeCatalog } from "@/lib/engine/node-catalog";

const catalog = new Map(nodeCatalog().map((entry) => [entry.type, entry as unknown as CatalogEntry]));
const entry = (type: string) => catalog.get(type)!;
const fields = (type: string): Map<string, FieldSpec> => {
  const model = formModelOf(entry(type));
  if (model.kind !== "object") throw new Error(`${type} is not an object form`);
  return new Map(model.fields.map((field) => [field.name, field]));
};
const kindOf = (type: string, name: string) => fields(type).get(name)?.model.kind;

describe("schema → field model", () => {
  it("makes the Transform's union a mode switch with key/value rows or a template", () => {
    const model = formModelOf(entry("data.transform"));
    expect(model.kind).toBe("variants");
    const variants = model as Extract<FieldModel, { kind: "variants" }>;
    expect(variants.discriminator).toBe("mode");
    expect(variants.variants.map((variant) => [variant.value, variant.fields.map((field) => [field.name, field.model.kind])])).toEqual([
      ["fields", [["fields", "record"]]],
      ["template", [["template", "text"]]],
    ]);
    expect(activeVariant(variants, {}).value).toBe("fields");
    expect(activeVariant(variants, { mode: "template" }).value).toBe("template");
    const record = variants.variants[0]!.fields[0]!.model as Extract<FieldModel, { kind: "record" }>;
    expect(record.value).toMatchObject({ kind: "text", expression: true });
  });

  it("gives the HTTP request selects, rows, numbers, toggles, a credential picker and expression fields", () => {
    expect(kindOf("integration.http", "method")).toBe("enum");
    expect(kindOf("integration.http", "headers")).toBe("record");
    expect(kindOf("integration.http", "timeoutMs")).toBe("number");
    expect(kindOf("integration.http", "parseJson")).toBe("boolean");
    expect(kindOf("integration.http", "credentialId")).toBe("credential");
    expect(fields("integration.http").get("url")).toMatchObject({ label: "URL", required: true, model: { kind: "text", expression: true, multiline: false } });
    expect(fields("integration.http").get("body")?.model).toMatchObject({ kind: "text", expression: true, multiline: true });
  });

  it("makes the Router's routes add/remove rows, each a small form", () => {
    const routes = fields("logic.router").get("routes")!.model as Extract<FieldModel, { kind: "list" }>;
    expect(routes.kind).toBe("list");
    expect(routes.item.kind).toBe("object");
    const item = routes.item as Extract<FieldModel, { kind: "object" }>;
    expect(item.fields.map((field) => [field.name, field.model.kind])).toEqual([
      ["handle", "text"],
      ["label", "text"],
      ["left", "text"],
      ["operator", "enum"],
      ["right", "text"],
    ]);
    expect(newListItem(routes, [{ handle: "route_1" }, { handle: "route_2" }])).toMatchObject({ handle: "route_3", operator: "equals", left: "" });
  });

  it("gives each kind of agent tool its own settings form, with pickers for credentials, workflows and knowledge bases", () => {
    const tools = fields("ai.agent").get("tools")!.model as Extract<FieldModel, { kind: "tools" }>;
    expect(tools.item?.discriminator).toBe("type");
    const form = new Map(tools.item!.variants.map((variant) => [variant.value, new Map(variant.fields.map((field) => [field.name, field.model.kind]))]));
    expect([...form.keys()].sort()).toEqual(["code", "http", "knowledge", "mcp", "workflow"]);
    expect(Object.fromEntries(form.get("http")!)).toEqual({ name: "text", description: "text", urlPrefix: "text", methods: "multi-enum", credentialId: "credential", credentialHeader: "text", timeoutMs: "number" });
    expect(form.get("workflow")!.get("workflowId")).toBe("workflow");
    expect(form.get("knowledge")!.get("knowledgeBaseId")).toBe("knowledge-base");
    // An MCP tool's `tools` is a list of names, not the agent's tool picker again.
    expect(form.get("mcp")!.get("tools")).toBe("list");
    expect(tools.item!.variants.find((variant) => variant.value === "http")!.defaults).toMatchObject({ type: "http", name: "http_request", methods: ["GET"], credentialHeader: "Authorization" });
  });

  it("has pickers for agents' tools and credentials, the approval's members, workflows and knowledge bases", () => {
    expect(kindOf("ai.agent", "tools")).toBe("tools");
    expect(kindOf("ai.agent", "provider")).toBe("enum");
    expect(kindOf("ai.agent", "budget")).toBe("object");
    expect(fields("ai.agent").get("budget")?.optional).toBe(true);
    expect(kindOf("ai.agent", "outputSchema")).toBe("answer-schema");
    expect(kindOf("human.approval", "notifyMembers")).toBe("members");
    expect(kindOf("human.approval", "notifyRole")).toBe("enum");
    expect(kindOf("flow.sub-workflow", "workflowId")).toBe("workflow");
    expect(kindOf("ai.knowledge_search", "knowledgeBaseId")).toBe("knowledge-base");
    expect(kindOf("ai.knowledge_search", "documentIds")).toBe("list");
    const metadata = fields("ai.knowledge_search").get("metadata")!.model as Extract<FieldModel, { kind: "record" }>;
    expect(metadata.value.kind).toBe("scalar");
    expect(kindOf("trigger.manual", "fields")).toBe("list");
    expect(fields("data.code").get("source")?.model).toMatchObject({ kind: "text", code: true, expression: false });
  });

  it("renders no JSON textarea for a known node type (the agent's answer schema is rows of fields)", () => {
    const jsonFields: string[] = [];
    const walk = (type: string, path: string, model: FieldModel) => {
      if (model.kind === "json") jsonFields.push(`${type}:${path}`);
      if (model.kind === "object") for (const field of model.fields) walk(type, `${path}.${field.name}`, field.model);
      if (model.kind === "variants") for (const variant of model.variants) for (const field of variant.fields) walk(type, `${path}.${field.name}`, field.model);
      if (model.kind === "list") walk(type, `${path}[]`, model.item);
      if (model.kind === "record") walk(type, `${path}{}`, model.value);
    };
    for (const [type, catalogEntry] of catalog) walk(type, "", formModelOf(catalogEntry));
    expect(jsonFields).toEqual([]);
  });
});

describe("config issues", () => {
  it("names the field and says what is wrong, inside the union's chosen mode", () => {
    const issues = configIssues("data.transform", { mode: "fields", fields: { "1st": "x", ok: 3 } });
    expect(Object.fromEntries(issues)).toEqual({ "fields.1st": "Field names use letters, digits and _, and do not start with a digit", "fields.ok": "Ok must be a string." });
    expect(Object.fromEntries(configIssues("data.transform", { mode: "template" }))).toEqual({ template: "Write the template" });
  });

  it("words zod's generic messages for people", () => {
    expect(configIssues("integration.http", { url: "https://example.test", timeoutMs: 5 }).get("timeoutMs")).toBe("Timeout (ms) must be at least 100.");
    expect(configIssues("integration.http", { url: "https://example.test", headers: { "": "x" } }).get("headers.")).toBe("Name the header");
    for (const message of configIssues("ai.agent", {}).values()) expect(message).not.toMatch(/^Invalid input/);
  });
});
