import { z } from "zod";
import { OperatorSchema } from "@/lib/engine/compare";

export const conditionConfigSchema = z.object({
  left: z.string({ error: "Choose a value to test, e.g. {{ prev.status }}" }).min(1, "Choose a value to test, e.g. {{ prev.status }}").meta({ "x-expression": true }),
  operator: OperatorSchema.default("equals"),
  right: z.string().default("").meta({ "x-expression": true }),
});
export type ConditionConfig = z.infer<typeof conditionConfigSchema>;
