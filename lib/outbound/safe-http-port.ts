import { createHash } from "node:crypto";
import type { HttpPort } from "@/lib/engine/types";
import { createOutboundPolicy, DEFAULT_MAX_RESPONSE_BYTES } from "@/lib/outbound/outbound-policy";

export const MAX_RESPONSE_BYTES = DEFAULT_MAX_RESPONSE_BYTES;

/**
 * Outbound HTTP for workflow nodes, through the outbound policy (outbound-policy.ts): addresses
 * checked after DNS and on every redirect hop, credentials dropped on a redirect to another
 * origin, bodies capped, a deadline for the whole exchange. Requests that carry an idempotency key
 * (derived from the step key, stable across retries and replays of the same step) send it as
 * `Idempotency-Key` unless the node sets that header itself.
 */
export function createSafeHttpPort(options: { allow?: string; idempotencyScope?: string } = {}): HttpPort {
  const policy = createOutboundPolicy({ allow: options.allow });
  return {
    async request(request, signal) {
      const headers = { ...request.headers };
      const hasKey = Object.keys(headers).some((name) => name.toLowerCase() === "idempotency-key");
      if (request.idempotencyKey && !hasKey) headers["Idempotency-Key"] = idempotencyKey(options.idempotencyScope, request.idempotencyKey);
      const response = await policy.request({ method: request.method, url: request.url, headers, body: request.body, signal, timeoutMs: request.timeoutMs });
      return { status: response.status, headers: response.headers, body: response.body.toString("utf8") };
    },
  };
}

function idempotencyKey(scope: string | undefined, key: string): string {
  return createHash("sha256").update(`${scope ?? ""}\n${key}`).digest("base64url").slice(0, 32);
}
