import { NodeExecutionError, type NodeDefinition } from "@/lib/engine/types";
import { httpRequestConfigSchema, type HttpRequestConfig } from "./schema";

/** Calls an HTTP API (private and loopback addresses are refused by the driver's HttpPort). */
export const httpRequestNode: NodeDefinition<HttpRequestConfig> = {
  type: "integration.http",
  category: "integration",
  label: "HTTP request",
  description: "Calls any HTTP API and outputs status, headers and body.",
  configSchema: httpRequestConfigSchema,
  outputs: ["out"],
  async execute({ config, services, signal }) {
    if (!services.http) throw new NodeExecutionError("HTTP requests are not available in this runtime.");
    const headers = { ...config.headers };
    if (config.credentialId) {
      if (!services.resolveCredential) throw new NodeExecutionError("Credentials are not available in this runtime.");
      const secret = await services.resolveCredential(config.credentialId);
      headers[config.credentialHeader] = config.credentialHeader.toLowerCase() === "authorization" ? `Bearer ${secret}` : secret;
    }
    const body = typeof config.body === "string" ? config.body : JSON.stringify(config.body);
    if (body && !Object.keys(headers).some((name) => name.toLowerCase() === "content-type")) headers["content-type"] = "application/json";
    const response = await services.http.request(
      { method: config.method, url: String(config.url), headers, body: body || undefined, timeoutMs: config.timeoutMs },
      signal,
    );
    if (config.failOnError && response.status >= 400) {
      throw new NodeExecutionError(`${config.method} ${config.url} answered ${response.status}.`, response.status >= 500 || response.status === 429);
    }
    let parsed: unknown = response.body;
    if (config.parseJson && response.body) {
      try {
        parsed = JSON.parse(response.body);
      } catch {
        parsed = response.body;
      }
    }
    return { output: { status: response.status, headers: response.headers, body: parsed } };
  },
};
