import type { BuilderNodeData, CatalogEntry } from "@/components/builder/types";
import { ERROR_HANDLE } from "@/lib/schemas/workflow";

/** The output handles a node shows: fixed per type, or from the router's routes; plus "error" with On error: branch. */
export function outputsOf(entry: CatalogEntry | undefined, data: BuilderNodeData): string[] {
  if (!entry) return ["out"];
  const errorOutput = data.onError === "branch" && entry.category !== "trigger" ? [ERROR_HANDLE] : [];
  if (entry.outputs !== "dynamic") return [...entry.outputs, ...errorOutput];
  const routes = (data.config?.routes as { handle?: string }[] | undefined) ?? [];
  return [...routes.map((route) => route.handle).filter((handle): handle is string => !!handle), "default", ...errorOutput];
}

/**
 * The shape of what a node outputs, as an example value, for `{{` completion before any run:
 * leaves are placeholders, only the keys matter. Mirrors each node's execute.ts; null when the
 * output's shape is up to the user (code, sub-workflows, an agent's structured answer).
 */
export function declaredOutputOf(type: string | undefined, config: Record<string, unknown> = {}): unknown {
  switch (type) {
    case "trigger.manual": {
      const fields = (config.fields as { name?: string }[] | undefined) ?? [];
      return Object.fromEntries(fields.filter((field) => field.name).map((field) => [field.name!, ""]));
    }
    case "trigger.webhook":
      return { method: "", body: {}, query: {}, headers: {} };
    case "trigger.schedule":
      return { scheduledAt: "", cron: "", timezone: "" };
    case "ai.agent":
      return config.outputSchema ? propertiesOf(config.outputSchema) : { text: "", model: "" };
    case "ai.knowledge_search":
      return { query: "", mode: "", results: [{ documentName: "", heading: "", content: "", score: 0, sourceUrl: "" }], context: "" };
    case "logic.condition":
      return { result: false };
    case "logic.router":
      return { route: "" };
    case "data.transform":
      return config.mode === "template" ? "" : Object.fromEntries(Object.keys((config.fields as Record<string, unknown> | undefined) ?? {}).map((name) => [name, ""]));
    case "integration.http":
      return { status: 0, headers: {}, body: null };
    case "human.approval":
      return { approved: false, comment: "", by: "", message: "" };
    default:
      return null;
  }
}

function propertiesOf(schema: unknown): unknown {
  const properties = (schema as { properties?: Record<string, unknown> } | null)?.properties;
  return properties ? Object.fromEntries(Object.keys(properties).map((name) => [name, ""])) : null;
}
