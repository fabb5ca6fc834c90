import { z } from "zod";
import { OperatorSchema } from "@/lib/engine/compare";

export const routerConfigSchema = z.object({
  routes: z
    .array(
      z.object({
        handle: z.string().regex(/^[a-z][a-z0-9_-]*$/, "Use lowercase letters, digits, - and _"),
        label: z.string().default(""),
        left: z.string().min(1),
        operator: OperatorSchema,
        right: z.string().default(""),
      }),
    )
    .min(1, "Add at least one route"),
});
export type RouterConfig = z.infer<typeof routerConfigSchema>;
