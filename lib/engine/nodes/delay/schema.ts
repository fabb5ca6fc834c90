import { z } from "zod";

export const delayConfigSchema = z.object({ seconds: z.number().min(0).max(30 * 24 * 3600) });
export type DelayConfig = z.infer<typeof delayConfigSchema>;
