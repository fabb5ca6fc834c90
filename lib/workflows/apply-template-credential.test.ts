import { describe, expect, it } from "vitest";
import { agentConfigSchema } from "@/lib/engine/nodes/agent/schema";
import { applyTemplateCredential } from "@/lib/workflows/apply-template-credential";
import { templateModelProviders, WORKFLOW_TEMPLATES } from "@/lib/workflows/templates";

const template = (id: string) => WORKFLOW_TEMPLATES.find((candidate) => candidate.id === id)!;
const agents = (graph: ReturnType<typeof applyTemplateCredential>) => graph.nodes.filter((node) => node.type === "ai.agent").map((node) => node.data.config as Record<string, unknown>);

describe("templates that need a model credential", () => {
  it("every template says which providers its agents use", () => {
    expect(templateModelProviders(template("support-triage"))).toEqual(["openai"]);
    expect(templateModelProviders(template("approved-email"))).toEqual(["anthropic"]);
  });

  it("puts the credential into every agent, keeping the template's model for the same provider", () => {
    const graph = applyTemplateCredential(template("support-triage").graph, { id: "cred-1", provider: "openai" });
    expect(agents(graph)).toEqual([expect.objectContaining({ provider: "openai", model: "gpt-4o-mini", credentialId: "cred-1" })]);
    for (const config of agents(graph)) expect(agentConfigSchema.safeParse(config).success).toBe(true);
    // Other nodes are untouched, and the template itself is not changed.
    expect(graph.nodes.filter((node) => node.type !== "ai.agent")).toEqual(template("support-triage").graph.nodes.filter((node) => node.type !== "ai.agent"));
    expect(JSON.stringify(template("support-triage").graph)).not.toContain("cred-1");
  });

  it("moves agents to the credential's provider with its default model, or the model given for a local server", () => {
    expect(agents(applyTemplateCredential(template("support-triage").graph, { id: "c", provider: "anthropic" }))[0]).toMatchObject({ provider: "anthropic", model: "claude-sonnet-4-20250514", credentialId: "c" });
    expect(agents(applyTemplateCredential(template("approved-email").graph, { id: "c", provider: "openai-compatible" }, { model: "llama3.2" }))[0]).toMatchObject({ provider: "openai-compatible", model: "llama3.2", credentialId: "c" });
  });
});
