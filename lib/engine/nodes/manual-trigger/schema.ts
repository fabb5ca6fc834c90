import { z } from "zod";

/** Optional JSON Schema-like list of the inputs the run form asks for. */
export const manualTriggerConfigSchema = z.object({
  fields: z
    .array(z.object({ name: z.string().regex(/^[A-Za-z_]\w*$/, "Use letters, digits and _"), type: z.enum(["string", "number", "boolean", "json"]).default("string"), required: z.boolean().default(false) }))
    .default([]),
});
export type ManualTriggerConfig = z.infer<typeof manualTriggerConfigSchema>;
