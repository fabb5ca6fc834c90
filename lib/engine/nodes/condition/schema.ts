import { z } from "zod";
import { OperatorSchema } from "@/lib/engine/compare";

export const conditionConfigSchema = z.object({
  left: z.string().min(1, "Choose a value to test, e.g. {{ prev.status }}"),
  operator: OperatorSchema,
  right: z.string().default(""),
});
export type ConditionConfig = z.infer<typeof conditionConfigSchema>;
