import type { BuilderNodeData } from "@/components/builder/types";

const OPERATOR_TEXT: Record<string, string> = {
  equals: "=",
  not_equals: "≠",
  contains: "contains",
  not_contains: "does not contain",
  gt: ">",
  gte: "≥",
  lt: "<",
  lte: "≤",
  is_empty: "is empty",
  is_not_empty: "is not empty",
  is_true: "is true",
  is_false: "is false",
};
const UNARY = new Set(["is_empty", "is_not_empty", "is_true", "is_false"]);

const text = (value: unknown): string => (typeof value === "string" ? value.trim() : typeof value === "number" || typeof value === "boolean" ? String(value) : "");

/** "api.example.com" from a URL; the URL itself when it is an expression or not a URL yet. */
function hostOf(url: string): string {
  if (url.includes("{{")) return url;
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function seconds(value: number): string {
  if (value >= 86_400 && value % 86_400 === 0) return `${value / 86_400} d`;
  if (value >= 3600 && value % 3600 === 0) return `${value / 3600} h`;
  if (value >= 60 && value % 60 === 0) return `${value / 60} min`;
  return `${value} s`;
}

/**
 * One line that says what a node does from its config (shown on its card), e.g. "GET api.example.com",
 * "gpt-4o-mini", "{{ prev.status }} = 200". Empty when there is nothing worth saying yet.
 */
export function summarizeNode(type: string, data: Pick<BuilderNodeData, "config">): string {
  const config = data.config ?? {};
  switch (type) {
    case "integration.http": {
      const url = text(config.url);
      return url ? `${text(config.method) || "GET"} ${hostOf(url)}` : "";
    }
    case "ai.agent": {
      const model = text(config.model);
      const tools = Array.isArray(config.tools) ? config.tools.length : 0;
      return model ? `${model}${tools ? ` · ${tools} tool${tools === 1 ? "" : "s"}` : ""}` : text(config.provider);
    }
    case "logic.condition": {
      const left = text(config.left);
      if (!left) return "";
      const operator = text(config.operator) || "equals";
      return UNARY.has(operator) ? `${left} ${OPERATOR_TEXT[operator]}` : `${left} ${OPERATOR_TEXT[operator] ?? operator} ${text(config.right) || '""'}`;
    }
    case "logic.router": {
      const routes = Array.isArray(config.routes) ? (config.routes as { handle?: string; label?: string }[]) : [];
      return routes.length ? `${routes.length} route${routes.length === 1 ? "" : "s"}: ${routes.map((route) => route.label || route.handle).filter(Boolean).join(", ")}` : "";
    }
    case "flow.delay":
      return typeof config.seconds === "number" ? `wait ${seconds(config.seconds)}` : "";
    case "flow.output":
      return `${text(config.name) || "result"} = ${text(config.value) || "{{ prev }}"}`;
    case "flow.loop":
      return text(config.items) ? `each of ${text(config.items)}` : "";
    case "flow.merge":
      return text(config.mode) ? `as ${text(config.mode)}` : "";
    case "data.transform": {
      if (config.mode === "template") return text(config.template);
      const fields = config.fields && typeof config.fields === "object" ? Object.keys(config.fields) : [];
      return fields.length ? `fields: ${fields.join(", ")}` : "";
    }
    case "data.code":
      return text(config.source).split("\n").find((line) => line.trim()) ?? "";
    case "human.approval":
      return text(config.message);
    case "ai.knowledge_search":
      return text(config.query) ? `search ${text(config.query)}` : "";
    case "trigger.manual": {
      const fields = Array.isArray(config.fields) ? (config.fields as { name?: string }[]).map((field) => field.name).filter(Boolean) : [];
      return fields.length ? `input: ${fields.join(", ")}` : "run by hand or API";
    }
    case "trigger.webhook":
      return `${text(config.method) || "POST"} webhook`;
    case "trigger.schedule":
      return text(config.cron) ? `cron ${text(config.cron)}${text(config.timezone) && text(config.timezone) !== "UTC" ? ` (${text(config.timezone)})` : ""}` : "";
    default:
      return "";
  }
}

/** "850 ms", "1.2 s", "2 min 5 s". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`;
}
