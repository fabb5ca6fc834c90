import { z } from "zod";

export const knowledgeSearchConfigSchema = z.object({
  knowledgeBaseId: z.string({ error: "Choose a knowledge base" }).min(1, "Choose a knowledge base").meta({ "x-widget": "knowledge-base" }),
  /** An expression, e.g. {{ input.question }}. */
  query: z.string({ error: "Write the query" }).min(1, "Write the query").meta({ "x-expression": true }),
  topK: z.number().int().min(1).max(50).default(5),
  /** 0..1 on the method's score; lower-scored passages are left out. */
  minScore: z.number().min(0).max(1).default(0),
  /** Only these documents (ids); empty: all. */
  documentIds: z.array(z.string()).default([]),
  /** Only documents whose metadata has all these values. */
  metadata: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).default({}),
  mode: z.enum(["auto", "hybrid", "fulltext", "vector"]).default("auto"),
});
export type KnowledgeSearchConfig = z.infer<typeof knowledgeSearchConfigSchema>;
