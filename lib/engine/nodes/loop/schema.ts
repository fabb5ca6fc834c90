import { z } from "zod";

export const LOOP_BODY = "body";
export const LOOP_DONE = "done";

export const loopConfigSchema = z.object({
  items: z.string({ error: "Choose the list to loop over, e.g. {{ prev.items }}" }).min(1, "Choose the list to loop over, e.g. {{ prev.items }}").meta({ "x-expression": true }),
  maxIterations: z.number().int().min(1).max(10_000).default(100),
});
export type LoopConfig = z.infer<typeof loopConfigSchema>;
