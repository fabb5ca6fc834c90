import type { ModelProvider } from "@/lib/schemas/credential";
import type { WorkflowGraph } from "@/lib/schemas/workflow";

/** A sensible model when a template's agents move to another provider. */
export const DEFAULT_MODELS: Record<Exclude<ModelProvider, "openai-compatible">, string> = {
  anthropic: "claude-sonnet-4-20250514",
  openai: "gpt-4o-mini",
};

/**
 * A template's graph with every agent node set to use `credential`. An agent of another provider
 * moves to the credential's provider, with `model` (required for OpenAI-compatible servers, whose
 * models have no common name) or the provider's default model. Other nodes are left alone.
 */
export function applyTemplateCredential(graph: WorkflowGraph, credential: { id: string; provider: ModelProvider }, { model }: { model?: string } = {}): WorkflowGraph {
  return {
    ...graph,
    nodes: graph.nodes.map((node) => {
      if (node.type !== "ai.agent") return node;
      const config = { ...(node.data.config ?? {}) } as Record<string, unknown>;
      config.credentialId = credential.id;
      if (config.provider !== credential.provider) {
        config.provider = credential.provider;
        config.model = model?.trim() || (credential.provider === "openai-compatible" ? String(config.model ?? "") : DEFAULT_MODELS[credential.provider]);
      } else if (model?.trim()) {
        config.model = model.trim();
      }
      return { ...node, data: { ...node.data, config } };
    }),
  };
}
