import { z } from "zod";
import { OperatorSchema } from "@/lib/engine/compare";

export const routerConfigSchema = z.object({
  routes: z
    .array(
      z.object({
        handle: z.string({ error: "Name the route's handle" }).regex(/^[a-z][a-z0-9_-]*$/, "Use lowercase letters, digits, - and _ (starting with a letter)"),
        label: z.string().default(""),
        left: z.string({ error: "Choose a value to test, e.g. {{ prev.category }}" }).min(1, "Choose a value to test, e.g. {{ prev.category }}").meta({ "x-expression": true }),
        operator: OperatorSchema.default("equals"),
        right: z.string().default("").meta({ "x-expression": true }),
      }),
    )
    .min(1, "Add at least one route")
    // Parsed like a stored value, so a dropped Router names the one field left to fill.
    .prefault([{ handle: "route_1", label: "", left: "", operator: "equals", right: "" }]),
});
export type RouterConfig = z.infer<typeof routerConfigSchema>;
