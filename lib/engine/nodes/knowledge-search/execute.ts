import { NodeExecutionError, type KnowledgeCitation, type NodeDefinition } from "@/lib/engine/types";
import { knowledgeSearchConfigSchema, type KnowledgeSearchConfig } from "./schema";

/** Passages as numbered sources, for a prompt: "[1] Guide > Install (handbook.pdf, #3)\n…". */
export function formatCitations(results: KnowledgeCitation[]): string {
  return results.map((hit, index) => `[${index + 1}] ${hit.heading ? `${hit.heading} ` : ""}(${hit.documentName}, passage ${hit.position + 1})\n${hit.content}`).join("\n\n");
}

/** Searches a knowledge base (hybrid, or full-text alone without embeddings) and outputs the passages with citations. */
export const knowledgeSearchNode: NodeDefinition<KnowledgeSearchConfig> = {
  type: "ai.knowledge_search",
  category: "ai",
  label: "Knowledge search",
  description: "Finds the passages of a knowledge base that answer a query, with their document, position and score.",
  configSchema: knowledgeSearchConfigSchema,
  outputs: ["out"],
  async execute({ config, services, signal }) {
    if (!services.knowledge) throw new NodeExecutionError("Knowledge bases are not available in this runtime.");
    const query = String(config.query ?? "").trim();
    if (!query) throw new NodeExecutionError("The query is empty (check the expression).");
    const { mode, results } = await services.knowledge.search(
      { knowledgeBaseId: config.knowledgeBaseId, query, topK: config.topK, minScore: config.minScore, documentIds: config.documentIds.length ? config.documentIds : undefined, metadata: Object.keys(config.metadata).length ? config.metadata : undefined, mode: config.mode },
      signal,
    );
    return { output: { query, mode, results, context: formatCitations(results) } };
  },
};
