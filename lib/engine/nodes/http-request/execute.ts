import { NodeExecutionError, type NodeDefinition } from "@/lib/engine/types";
import { httpRequestConfigSchema, type HttpRequestConfig } from "./schema";

/** Calls an HTTP API through the driver's HttpPort (the outbound policy: special-purpose addresses refused). */
export const httpRequestNode: NodeDefinition<HttpRequestConfig> = {
  type: "integration.http",
  category: "integration",
  label: "HTTP request",
  description: "Calls any HTTP API and outputs status, headers and body.",
  configSchema: httpRequestConfigSchema,
  outputs: ["out"],
  async execute({ config, services, signal, key }) {
    if (!services.http) throw new NodeExecutionError("HTTP requests are not available in this runtime.");
    const headers = { ...config.headers };
    if (config.credentialId) {
      if (!services.resolveCredential) throw new NodeExecutionError("Credentials are not available in this runtime.");
      const secret = await services.resolveCredential(config.credentialId);
      headers[config.credentialHeader] = config.credentialHeader.toLowerCase() === "authorization" ? `Bearer ${secret}` : secret;
    }
    // A key of the user's own (this field, or the header itself) goes out as is, whatever the method.
    if (config.idempotencyKey && !Object.keys(headers).some((name) => name.toLowerCase() === "idempotency-key")) headers["Idempotency-Key"] = config.idempotencyKey;
    const body = typeof config.body === "string" ? config.body : JSON.stringify(config.body);
    if (body && !Object.keys(headers).some((name) => name.toLowerCase() === "content-type")) headers["content-type"] = "application/json";
    const response = await services.http.request(
      {
        method: config.method,
        url: String(config.url),
        headers,
        body: body || undefined,
        timeoutMs: config.timeoutMs,
        // Retries and replays of this step send the same key, so APIs that honour it act once.
        idempotencyKey: config.method === "GET" || config.method === "HEAD" ? undefined : key,
      },
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
