import { z } from "zod";

export const delayConfigSchema = z.object({ seconds: z.number({ error: "Enter the number of seconds to wait" }).min(0, "Use 0 or more seconds").max(30 * 24 * 3600, "Wait at most 30 days").default(60) });
export type DelayConfig = z.infer<typeof delayConfigSchema>;
