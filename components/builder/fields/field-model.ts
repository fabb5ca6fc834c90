import type { CatalogEntry, JsonSchema } from "@/components/builder/types";

/**
 * What the node forms render, derived from a node's config JSON Schema (which is generated from
 * the zod schema the server validates with). Pure: unit-tested without a browser.
 */
export type FieldModel =
  | { kind: "text"; expression: boolean; multiline: boolean; code: boolean; pattern?: string }
  | { kind: "number"; integer: boolean; min?: number; max?: number }
  | { kind: "boolean" }
  | { kind: "enum"; options: string[] }
  | { kind: "multi-enum"; options: string[] }
  | { kind: "scalar" }
  | { kind: "credential" }
  | { kind: "members" }
  | { kind: "workflow" }
  | { kind: "knowledge-base" }
  /** An agent's tools; `item` is the form of one tool (a mode per tool type), for its settings. */
  | { kind: "tools"; item: Extract<FieldModel, { kind: "variants" }> | null }
  | { kind: "json" }
  | { kind: "answer-schema" }
  | { kind: "list"; item: FieldModel; itemDefault: unknown }
  | { kind: "record"; value: FieldModel; keyPattern?: string }
  | { kind: "object"; fields: FieldSpec[] }
  | { kind: "variants"; discriminator: string; variants: Variant[] };

export type FieldSpec = { name: string; label: string; required: boolean; optional: boolean; default?: unknown; description?: string; model: FieldModel };
export type Variant = { value: string; label: string; fields: FieldSpec[]; defaults: Record<string, unknown> };

type Schema = JsonSchema & Record<string, unknown>;

/** The node type an agent tool's fields are read for: not "ai.agent", whose `tools` is special. */
const AGENT_TOOL = "ai.agent#tool";

const LABELS: Record<string, string> = {
  credentialId: "Credential",
  workflowId: "Workflow",
  knowledgeBaseId: "Knowledge base",
  documentIds: "Documents (ids)",
  baseUrl: "Base URL",
  url: "URL",
  urlPrefix: "URL prefix",
  timeoutMs: "Timeout (ms)",
  maxDurationMs: "Max duration (ms)",
  memoryMb: "Memory (MB)",
  maxCostUsd: "Max cost (USD)",
  topK: "Results (top K)",
  parseJson: "Parse a JSON response",
  failOnError: "Fail on 4xx/5xx answers",
  notifyMembers: "Ask these members",
  notifyRole: "Also ask everyone with at least this role",
  outputSchema: "Answer schema (JSON Schema)",
  idempotencyKey: "Idempotency key",
  conversationId: "Conversation id",
  left: "Value",
  right: "Compare with",
  seconds: "Wait (seconds)",
  timeoutHours: "Time out after (hours)",
};

const VARIANT_LABELS: Record<string, string> = { fields: "Named fields", template: "Text template" };

/** "maxTokens" → "Max tokens"; known names get their own wording. */
export function labelOf(name: string): string {
  if (LABELS[name]) return LABELS[name]!;
  const words = name.replace(/([a-z0-9])([A-Z])/g, "$1 $2").replace(/[_-]+/g, " ").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The form of a node: its top-level fields, or a mode switch when the config is a union. */
export function formModelOf(entry: Pick<CatalogEntry, "type" | "configSchema">): FieldModel {
  return modelOf(entry.configSchema as Schema, "", entry.type);
}

function primaryType(schema: Schema): string | undefined {
  if (Array.isArray(schema.type)) return schema.type.find((type) => type !== "null");
  return schema.type;
}

function fieldsOf(schema: Schema, nodeType: string): FieldSpec[] {
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {}).map(([name, property]) => {
    const prop = property as Schema;
    return {
      name,
      label: labelOf(name),
      // A property with a default is filled in by the server, so the form need not insist.
      required: required.has(name) && prop.default === undefined,
      optional: !required.has(name) && prop.default === undefined,
      ...(prop.default !== undefined ? { default: prop.default } : {}),
      ...(typeof prop.description === "string" ? { description: prop.description } : {}),
      model: modelOf(prop, name, nodeType),
    };
  });
}

/** The defaults of an object schema's properties (constants included), as a new config would get them. */
export function defaultsOf(schema: JsonSchema): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(schema.properties ?? {}).flatMap(([name, property]) => {
      if (property.default !== undefined) return [[name, structuredClone(property.default)]];
      if (property.const !== undefined) return [[name, property.const]];
      return [];
    }),
  );
}

/** The union's discriminator: a property every variant pins with `const`. */
function discriminatorOf(variants: Schema[]): string | null {
  const first = variants[0]?.properties ?? {};
  return Object.keys(first).find((name) => variants.every((variant) => variant.properties?.[name]?.const !== undefined)) ?? null;
}

function modelOf(schema: Schema, name: string, nodeType: string): FieldModel {
  const widget = schema["x-widget"];
  if (widget === "members" || widget === "workflow" || widget === "knowledge-base") return { kind: widget };
  if (widget === "json-schema") return { kind: "answer-schema" };
  if (name === "credentialId") return { kind: "credential" };
  if (name === "tools" && nodeType === "ai.agent") {
    // A tool's own fields are read as plain fields (an MCP tool's `tools` is a list of names).
    const item = schema.items ? modelOf(schema.items as Schema, "tool", AGENT_TOOL) : null;
    return { kind: "tools", item: item?.kind === "variants" ? item : null };
  }

  const union = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined;
  if (union?.length) {
    const objects = union.filter((variant) => primaryType(variant) === "object");
    const discriminator = objects.length === union.length ? discriminatorOf(objects) : null;
    if (discriminator) {
      return {
        kind: "variants",
        discriminator,
        variants: objects.map((variant) => {
          const value = String(variant.properties![discriminator]!.const);
          const fields = fieldsOf(variant, nodeType).filter((field) => field.name !== discriminator);
          // Switching modes starts from an empty text where the mode needs one, not a missing field.
          const blanks = Object.fromEntries(fields.filter((field) => field.required && field.model.kind === "text").map((field) => [field.name, ""]));
          return { value, label: VARIANT_LABELS[value] ?? labelOf(value), fields, defaults: { ...blanks, ...defaultsOf(variant), [discriminator]: value } };
        }),
      };
    }
    if (union.every((variant) => ["string", "number", "boolean", "null"].includes(primaryType(variant) ?? ""))) return { kind: "scalar" };
    return { kind: "json" };
  }
  if (schema.enum) return { kind: "enum", options: schema.enum.map(String) };

  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  if (types.length > 1 && types.every((type) => ["string", "number", "boolean", "null"].includes(String(type)))) return { kind: "scalar" };
  switch (primaryType(schema)) {
    case "string":
      return {
        kind: "text",
        expression: schema["x-expression"] === true,
        multiline: schema["x-multiline"] === true || schema["x-code"] === true,
        code: schema["x-code"] === true,
        ...(typeof schema.pattern === "string" ? { pattern: schema.pattern } : {}),
      };
    case "integer":
    case "number":
      return {
        kind: "number",
        integer: primaryType(schema) === "integer",
        // zod writes ±MAX_SAFE_INTEGER for int(); not a bound worth showing.
        ...(typeof schema.minimum === "number" && Math.abs(schema.minimum) < Number.MAX_SAFE_INTEGER ? { min: schema.minimum } : {}),
        ...(typeof schema.maximum === "number" && schema.maximum < Number.MAX_SAFE_INTEGER ? { max: schema.maximum } : {}),
      };
    case "boolean":
      return { kind: "boolean" };
    case "array": {
      const items = (schema.items ?? {}) as Schema;
      if (items.enum) return { kind: "multi-enum", options: items.enum.map(String) };
      const item = modelOf(items, "", nodeType);
      return { kind: "list", item, itemDefault: item.kind === "object" ? defaultsOf(items) : item.kind === "number" ? 0 : "" };
    }
    case "object": {
      const additional = schema.additionalProperties as Schema | boolean | undefined;
      if (!schema.properties && additional && typeof additional === "object") {
        const value = modelOf(additional, "", nodeType);
        // A record of anything is free JSON data (e.g. a JSON Schema).
        if (Object.keys(additional).length === 0) return { kind: "json" };
        const keyPattern = (schema.propertyNames as Schema | undefined)?.pattern;
        return { kind: "record", value, ...(typeof keyPattern === "string" ? { keyPattern } : {}) };
      }
      if (!schema.properties) return { kind: "json" };
      return { kind: "object", fields: fieldsOf(schema, nodeType) };
    }
    default:
      return { kind: "json" };
  }
}

/** Which variant a config is in: its discriminator's value, else the first (whose defaults fill in). */
export function activeVariant(model: Extract<FieldModel, { kind: "variants" }>, config: Record<string, unknown>): Variant {
  return model.variants.find((variant) => variant.value === config[model.discriminator]) ?? model.variants[0]!;
}

/** A new row for a list: the item's defaults, with a fresh unique handle where rows need one. */
export function newListItem(model: Extract<FieldModel, { kind: "list" }>, existing: unknown[]): unknown {
  const base = structuredClone(model.itemDefault);
  if (model.item.kind === "object" && model.item.fields.some((field) => field.name === "handle")) {
    const taken = new Set(existing.map((row) => (row as { handle?: string })?.handle));
    let index = existing.length + 1;
    while (taken.has(`route_${index}`)) index++;
    for (const field of model.item.fields) if (field.model.kind === "enum" && field.default === undefined) (base as Record<string, unknown>)[field.name] = field.model.options[0];
    return { ...(base as object), handle: `route_${index}`, left: "", right: "" };
  }
  if (model.item.kind === "object") {
    for (const field of model.item.fields) if (field.model.kind === "text" && field.required && (base as Record<string, unknown>)[field.name] === undefined) (base as Record<string, unknown>)[field.name] = "";
  }
  return base;
}
