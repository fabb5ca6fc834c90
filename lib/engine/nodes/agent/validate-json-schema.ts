import { z } from "zod";
import type { JsonSchema } from "@/lib/engine/types";

const compiled = new WeakMap<JsonSchema, z.ZodType>();

/**
 * The problems of `value` against a JSON Schema (tool arguments, structured answers), one line
 * each with its path — what the model gets back so it can correct itself. Empty: valid.
 */
export function validateJsonSchema(value: unknown, schema: JsonSchema): string[] {
  let validator = compiled.get(schema);
  if (!validator) {
    try {
      validator = z.fromJSONSchema(schema as Parameters<typeof z.fromJSONSchema>[0]);
    } catch {
      // A schema zod cannot read (a server's exotic keywords) does not block the call.
      validator = z.unknown();
    }
    compiled.set(schema, validator);
  }
  const result = validator.safeParse(value);
  if (result.success) return [];
  return result.error.issues.slice(0, 20).map((issue) => `${issue.path.length ? issue.path.join(".") : "(root)"}: ${issue.message}`);
}
