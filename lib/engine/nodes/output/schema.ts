import { z } from "zod";

export const outputConfigSchema = z.object({
  name: z.string().regex(/^[A-Za-z_][\w]*$/, "Use letters, digits and _ (not starting with a digit)").default("result"),
  value: z.string().default("{{ prev }}").meta({ "x-expression": true }),
});
export type OutputConfig = z.infer<typeof outputConfigSchema>;
