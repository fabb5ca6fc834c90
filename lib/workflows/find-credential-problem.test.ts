import { describe, expect, it } from "vitest";
import { findCredentialProblem } from "@/lib/workflows/find-credential-problem";

const credentials = [
  { id: "c-openai", name: "OpenAI", provider: "openai" },
  { id: "c-claude", name: "Claude", provider: "anthropic" },
  { id: "c-ollama", name: "Ollama", provider: "openai-compatible" },
  { id: "c-token", name: "Token", provider: "http" },
];
const agent = (config: Record<string, unknown>) => ({ type: "ai.agent", data: { config: { model: "m", prompt: "p", ...config } } });

describe("findCredentialProblem (the canvas warning)", () => {
  it("asks agents of Anthropic and OpenAI for a credential; OpenAI-compatible servers may have none", () => {
    expect(findCredentialProblem(agent({ provider: "openai" }), credentials)).toBe("Needs an OpenAI credential");
    expect(findCredentialProblem(agent({ provider: "anthropic", credentialId: "" }), credentials)).toBe("Needs an Anthropic credential");
    expect(findCredentialProblem(agent({ provider: "openai-compatible", baseUrl: "http://localhost:11434/v1" }), credentials)).toBeNull();
    expect(findCredentialProblem({ type: "integration.http", data: { config: { url: "https://x" } } }, credentials)).toBeNull();
  });

  it("flags a credential that no longer exists, and one of another provider", () => {
    expect(findCredentialProblem(agent({ provider: "openai", credentialId: "deleted" }), credentials)).toMatch(/missing/);
    expect(findCredentialProblem({ type: "integration.http", data: { config: { credentialId: "deleted" } } }, credentials)).toMatch(/missing/);
    expect(findCredentialProblem(agent({ provider: "openai", credentialId: "c-claude" }), credentials)).toBe('"Claude" is for Anthropic; this agent uses OpenAI');
    expect(findCredentialProblem(agent({ provider: "anthropic", credentialId: "c-token" }), credentials)).toMatch(/HTTP token, not a model credential/);
  });

  it("accepts matching credentials, and OpenAI keys and OpenAI-compatible servers for each other", () => {
    expect(findCredentialProblem(agent({ provider: "openai", credentialId: "c-openai" }), credentials)).toBeNull();
    expect(findCredentialProblem(agent({ provider: "openai-compatible", credentialId: "c-openai" }), credentials)).toBeNull();
    expect(findCredentialProblem(agent({ provider: "openai", credentialId: "c-ollama" }), credentials)).toBeNull();
    expect(findCredentialProblem({ type: "integration.http", data: { config: { credentialId: "c-claude" } } }, credentials)).toBeNull();
  });
});
