import { NodeExecutionError, type McpServerRef, type NodeServices, type ToolSpec } from "@/lib/engine/types";
import type { AgentToolConfig } from "./schema";

/** Where the tools of one configured entry come from, and how one of them is called. */
export type ToolSource = {
  list(signal: AbortSignal): Promise<ToolSpec[]>;
  /** `name` is the tool's own name at its source (an MCP tool's, before any renaming). */
  call(name: string, args: Record<string, unknown>, context: { key: string; signal: AbortSignal }): Promise<unknown>;
};

/** One source per configured tool entry: built-in node kinds, workflows, MCP servers. */
export function createToolSources(configs: AgentToolConfig[], services: NodeServices): ToolSource[] {
  return configs.map((config) => {
    switch (config.type) {
      case "http":
        return httpSource(config, services);
      case "code":
        return codeSource(config, services);
      case "workflow":
        return workflowSource(config, services);
      case "mcp":
        return mcpSource(config, services);
      case "knowledge":
        return knowledgeSource(config, services);
    }
  });
}

function httpSource(config: Extract<AgentToolConfig, { type: "http" }>, services: NodeServices): ToolSource {
  const prefix = config.urlPrefix ? parseUrl(config.urlPrefix, "The HTTP tool's URL prefix") : null;
  const spec: ToolSpec = {
    name: config.name,
    description: config.description || `Sends an HTTP request and returns the status and body (JSON parsed).${prefix ? ` Only URLs starting with ${prefix.href}.` : ""}`,
    inputSchema: {
      type: "object",
      properties: {
        method: { type: "string", enum: config.methods, default: config.methods[0] },
        url: { type: "string", description: prefix ? `Absolute URL starting with ${prefix.href}` : "Absolute http(s) URL" },
        headers: { type: "object", additionalProperties: { type: "string" } },
        body: { type: "string", description: "Request body, e.g. JSON text" },
      },
      required: ["url"],
      additionalProperties: false,
    },
  };
  return {
    list: async () => [spec],
    async call(_name, args, { key, signal }) {
      if (!services.http) throw new NodeExecutionError("HTTP requests are not available in this runtime.");
      const method = String(args.method ?? config.methods[0]).toUpperCase();
      if (!(config.methods as string[]).includes(method)) throw new NodeExecutionError(`Method ${method} is not allowed; use ${config.methods.join(", ")}.`);
      const url = parseUrl(String(args.url ?? ""), "The url");
      // Same origin and a path below the prefix's: "https://api.x.com" does not admit api.x.com.evil.com.
      if (prefix && (url.origin !== prefix.origin || !url.pathname.startsWith(prefix.pathname))) throw new NodeExecutionError(`Only URLs starting with ${prefix.href} are allowed.`);
      const headers: Record<string, string> = { ...((args.headers as Record<string, string> | undefined) ?? {}) };
      if (config.credentialId) {
        if (!services.resolveCredential) throw new NodeExecutionError("Credentials are not available in this runtime.");
        const secret = await services.resolveCredential(config.credentialId);
        headers[config.credentialHeader] = config.credentialHeader.toLowerCase() === "authorization" ? `Bearer ${secret}` : secret;
      }
      const body = typeof args.body === "string" && args.body ? args.body : undefined;
      if (body && !Object.keys(headers).some((header) => header.toLowerCase() === "content-type")) headers["content-type"] = "application/json";
      const response = await services.http.request(
        // Writes carry the tool step's key: a replayed call sends the same Idempotency-Key.
        { method, url: url.href, headers, body, timeoutMs: config.timeoutMs, idempotencyKey: method === "GET" ? undefined : key },
        signal,
      );
      let parsed: unknown = response.body;
      try {
        parsed = response.body ? JSON.parse(response.body) : "";
      } catch {
        // not JSON: the text itself
      }
      return { status: response.status, body: parsed };
    },
  };
}

function codeSource(config: Extract<AgentToolConfig, { type: "code" }>, services: NodeServices): ToolSource {
  const spec: ToolSpec = {
    name: config.name,
    description: config.description || "Runs JavaScript in a sandbox (no network, no files) and returns its result. `code` is the body of a function of `input`; `return` a JSON value.",
    inputSchema: {
      type: "object",
      properties: { code: { type: "string", description: "e.g. return input.values.reduce((a, b) => a + b, 0);" }, input: { description: "Data the code reads as `input`" } },
      required: ["code"],
      additionalProperties: false,
    },
  };
  return {
    list: async () => [spec],
    async call(_name, args, { signal }) {
      if (!services.code) throw new NodeExecutionError("Code execution is not available in this runtime.");
      return services.code.run(String(args.code), args.input ?? null, { timeoutMs: config.timeoutMs, memoryBytes: config.memoryMb * 1024 * 1024 }, signal);
    },
  };
}

function workflowSource(config: Extract<AgentToolConfig, { type: "workflow" }>, services: NodeServices): ToolSource {
  return {
    async list() {
      if (!services.describeWorkflowTool) throw new NodeExecutionError("Workflows as tools are not available in this runtime.");
      const info = await services.describeWorkflowTool(config.workflowId);
      return [{ name: config.name ?? info.name, description: config.description || info.description, inputSchema: info.inputSchema }];
    },
    async call(_name, args, { key, signal }) {
      if (!services.runSubWorkflow) throw new NodeExecutionError("Sub-workflows are not available in this runtime.");
      // The tool step's key ties the child execution to this call: a replay waits for the same child.
      return services.runSubWorkflow(config.workflowId, args, { key, signal });
    },
  };
}

/** A knowledge base: the model sends a query and gets passages with their document and position to cite. */
function knowledgeSource(config: Extract<AgentToolConfig, { type: "knowledge" }>, services: NodeServices): ToolSource {
  const spec: ToolSpec = {
    name: config.name,
    description: config.description || "Searches the knowledge base and returns the most relevant passages, each with its source document and position. Cite the sources you use.",
    inputSchema: { type: "object", properties: { query: { type: "string", description: "What to look for, in natural language" } }, required: ["query"], additionalProperties: false },
  };
  return {
    list: async () => [spec],
    async call(_name, args, { signal }) {
      if (!services.knowledge) throw new NodeExecutionError("Knowledge bases are not available in this runtime.");
      const query = String(args.query ?? "").trim();
      if (!query) throw new NodeExecutionError("The query is empty.");
      const { results } = await services.knowledge.search({ knowledgeBaseId: config.knowledgeBaseId, query, topK: config.topK, minScore: config.minScore }, signal);
      return results.map((hit, index) => ({ source: index + 1, document: hit.documentName, position: hit.position, heading: hit.heading, score: hit.score, text: hit.content }));
    },
  };
}

function mcpSource(config: Extract<AgentToolConfig, { type: "mcp" }>, services: NodeServices): ToolSource {
  const inline: McpServerRef = config.transport === "stdio" ? { transport: "stdio", server: config.server! } : { transport: config.transport, url: config.url!, credentialId: config.credentialId };
  // A workspace connection is looked up at each use (steps may run in different processes).
  const resolve = async (): Promise<McpServerRef> => {
    if (!config.connectionId) return inline;
    if (!services.resolveMcpServer) throw new NodeExecutionError("MCP connections are not available in this runtime.");
    return services.resolveMcpServer(config.connectionId);
  };
  const mcp = () => {
    if (!services.mcp) throw new NodeExecutionError("MCP servers are not available in this runtime.");
    return services.mcp;
  };
  return {
    async list(signal) {
      const tools = await mcp().listTools(await resolve(), signal);
      if (!config.tools.length) return tools;
      const missing = config.tools.filter((name) => !tools.some((tool) => tool.name === name));
      if (missing.length) throw new NodeExecutionError(`The MCP server has no tool named ${missing.map((name) => `"${name}"`).join(", ")}.`);
      return tools.filter((tool) => config.tools.includes(tool.name));
    },
    async call(name, args, { key, signal }) {
      const result = await mcp().callTool(await resolve(), name, args, { key, signal });
      if (result.isError) throw new NodeExecutionError(result.content || "The tool reported an error.");
      return result.content;
    },
  };
}

function parseUrl(value: string, what: string): URL {
  try {
    return new URL(value);
  } catch {
    throw new NodeExecutionError(`${what} is not a valid absolute URL: "${value.slice(0, 200)}".`);
  }
}
