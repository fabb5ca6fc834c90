import { z } from "zod";

/** Either named fields (each a template or an expression) or one text template. */
export const transformConfigSchema = z.union([
  z.object({ mode: z.literal("fields"), fields: z.record(z.string().regex(/^[A-Za-z_][\w]*$/), z.string()) }),
  z.object({ mode: z.literal("template"), template: z.string() }),
]);
export type TransformConfig = z.infer<typeof transformConfigSchema>;
