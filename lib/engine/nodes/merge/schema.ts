import { z } from "zod";

export const mergeConfigSchema = z.object({ mode: z.enum(["object", "array"]).default("object") });
export type MergeConfig = z.infer<typeof mergeConfigSchema>;
