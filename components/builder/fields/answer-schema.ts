/**
 * The agent's answer schema as rows a form can edit: one row per field of the answer object
 * (name, type, description, required). Flat answers cover what structured output is used for;
 * anything deeper stays editable as JSON.
 */
export const ANSWER_FIELD_TYPES = ["string", "number", "integer", "boolean", "string[]", "number[]"] as const;
export type AnswerFieldType = (typeof ANSWER_FIELD_TYPES)[number];
export type AnswerField = { name: string; type: AnswerFieldType; description: string; required: boolean };

export const ANSWER_FIELD_TYPE_LABELS: Record<AnswerFieldType, string> = {
  string: "Text",
  number: "Number",
  integer: "Whole number",
  boolean: "Yes / no",
  "string[]": "List of text",
  "number[]": "List of numbers",
};

type PropertySchema = { type?: unknown; description?: unknown; items?: { type?: unknown } & Record<string, unknown> } & Record<string, unknown>;

function typeOf(property: PropertySchema): AnswerFieldType | null {
  const extra = Object.keys(property).filter((key) => key !== "type" && key !== "description" && key !== "items");
  if (extra.length) return null;
  if (property.type === "array") {
    const items = property.items ?? {};
    if (Object.keys(items).some((key) => key !== "type")) return null;
    return items.type === "string" ? "string[]" : items.type === "number" ? "number[]" : null;
  }
  return (["string", "number", "integer", "boolean"] as const).find((type) => type === property.type) ?? null;
}

/** The rows of a schema, or null when the schema is more than a flat object of such fields. */
export function answerFieldsOf(schema: unknown): AnswerField[] | null {
  if (schema === undefined || schema === null) return [];
  if (typeof schema !== "object" || Array.isArray(schema)) return null;
  const { type, properties, required, additionalProperties, ...rest } = schema as Record<string, unknown>;
  if (Object.keys(rest).length || type !== "object" || (additionalProperties !== undefined && additionalProperties !== false)) return null;
  if (!properties || typeof properties !== "object") return null;
  const requiredNames = Array.isArray(required) ? required.map(String) : [];
  const rows: AnswerField[] = [];
  for (const [name, property] of Object.entries(properties as Record<string, PropertySchema>)) {
    if (!property || typeof property !== "object") return null;
    const fieldType = typeOf(property);
    if (!fieldType || (property.description !== undefined && typeof property.description !== "string")) return null;
    rows.push({ name, type: fieldType, description: (property.description as string | undefined) ?? "", required: requiredNames.includes(name) });
  }
  return rows;
}

/** The JSON Schema the rows describe; undefined for no rows (no structured output). Unnamed rows are left out. */
export function answerSchemaOf(rows: AnswerField[]): Record<string, unknown> | undefined {
  const named = rows.filter((row) => row.name.trim());
  if (!named.length) return undefined;
  const properties = Object.fromEntries(
    named.map((row) => {
      const base = row.type.endsWith("[]") ? { type: "array", items: { type: row.type.slice(0, -2) } } : { type: row.type };
      return [row.name.trim(), row.description.trim() ? { ...base, description: row.description.trim() } : base];
    }),
  );
  const required = named.filter((row) => row.required).map((row) => row.name.trim());
  return { type: "object", properties, ...(required.length ? { required } : {}), additionalProperties: false };
}
