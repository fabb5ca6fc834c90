import { describe, expect, it } from "vitest";
import { formatDuration, summarizeNode } from "@/components/builder/node-summary";

describe("summarizeNode", () => {
  it("says an HTTP node's method and host", () => {
    expect(summarizeNode("integration.http", { config: { method: "POST", url: "https://api.example.com/v1/things?x=1" } })).toBe("POST api.example.com");
    expect(summarizeNode("integration.http", { config: { url: "http://localhost:3100/api/health" } })).toBe("GET localhost:3100");
    expect(summarizeNode("integration.http", { config: { method: "GET", url: "{{ input.url }}" } })).toBe("GET {{ input.url }}");
    expect(summarizeNode("integration.http", { config: { method: "GET", url: "" } })).toBe("");
  });

  it("says an agent's model and tools", () => {
    expect(summarizeNode("ai.agent", { config: { provider: "openai", model: "gpt-4o-mini" } })).toBe("gpt-4o-mini");
    expect(summarizeNode("ai.agent", { config: { provider: "openai", model: "gpt-4o", tools: [{}, {}] } })).toBe("gpt-4o · 2 tools");
  });

  it("says a condition's expression", () => {
    expect(summarizeNode("logic.condition", { config: { left: "{{ prev.status }}", operator: "equals", right: "200" } })).toBe("{{ prev.status }} = 200");
    expect(summarizeNode("logic.condition", { config: { left: "{{ prev.ok }}", operator: "is_true" } })).toBe("{{ prev.ok }} is true");
    expect(summarizeNode("logic.condition", { config: { operator: "equals" } })).toBe("");
  });

  it("summarises the other nodes in a few words", () => {
    expect(summarizeNode("logic.router", { config: { routes: [{ handle: "billing", label: "Billing" }, { handle: "bug" }] } })).toBe("2 routes: Billing, bug");
    expect(summarizeNode("flow.delay", { config: { seconds: 120 } })).toBe("wait 2 min");
    expect(summarizeNode("flow.output", { config: { name: "greeting", value: "Hello" } })).toBe("greeting = Hello");
    expect(summarizeNode("data.transform", { config: { mode: "fields", fields: { a: "1", b: "2" } } })).toBe("fields: a, b");
    expect(summarizeNode("trigger.manual", { config: { fields: [{ name: "who" }] } })).toBe("input: who");
    expect(summarizeNode("trigger.schedule", { config: { cron: "0 9 * * 1-5", timezone: "Europe/Paris" } })).toBe("cron 0 9 * * 1-5 (Europe/Paris)");
    expect(summarizeNode("unknown.type", { config: { a: 1 } })).toBe("");
  });
});

describe("formatDuration", () => {
  it("reads naturally", () => {
    expect(formatDuration(850)).toBe("850 ms");
    expect(formatDuration(1234)).toBe("1.2 s");
    expect(formatDuration(125_000)).toBe("2 min 5 s");
  });
});
