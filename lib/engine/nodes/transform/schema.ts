import { z } from "zod";

/**
 * Either named fields (each a template or an expression) or one text template. The fields mode
 * fills itself in, so a freshly dropped Transform (`{}`) is valid and outputs `{}`.
 */
export const transformConfigSchema = z.union([
  z.object({
    mode: z.literal("fields").default("fields"),
    fields: z
      .record(z.string().regex(/^[A-Za-z_][\w]*$/, "Field names use letters, digits and _, and do not start with a digit"), z.string().meta({ "x-expression": true }))
      .default({}),
  }),
  z.object({ mode: z.literal("template"), template: z.string({ error: "Write the template" }).meta({ "x-expression": true, "x-multiline": true }) }),
]);
export type TransformConfig = z.infer<typeof transformConfigSchema>;
