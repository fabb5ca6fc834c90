import { z } from "zod";

export const outputConfigSchema = z.object({
  name: z.string().regex(/^[A-Za-z_][\w]*$/).default("result"),
  value: z.string().default("{{ prev }}"),
});
export type OutputConfig = z.infer<typeof outputConfigSchema>;
