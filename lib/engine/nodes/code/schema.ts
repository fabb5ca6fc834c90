import { z } from "zod";

export const codeConfigSchema = z.object({
  /** The body of a function of `input` (the upstream outputs) that returns a JSON value. */
  source: z.string({ error: "Write some code" }).min(1, "Write some code").max(100_000).default("return input;").meta({ "x-code": true }),
  timeoutMs: z.number().int().min(10).max(30_000).default(1000),
  memoryMb: z.number().int().min(1).max(256).default(32),
});
export type CodeConfig = z.infer<typeof codeConfigSchema>;
