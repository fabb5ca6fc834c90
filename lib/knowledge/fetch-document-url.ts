import { NodeExecutionError } from "@/lib/engine/types";
import { getEnv } from "@/lib/env";
import { KNOWLEDGE_MAX_FILE_BYTES } from "@/lib/schemas/knowledge";
import { createOutboundPolicy } from "@/lib/outbound/outbound-policy";

/**
 * Downloads a URL to import, through the one outbound policy (special-purpose addresses refused
 * after DNS and on every redirect, AGENTRY_HTTP_ALLOW, at most 20 MB, 30 s).
 */
export async function fetchDocumentUrl(url: string, signal?: AbortSignal): Promise<{ bytes: Buffer; contentType: string; finalUrl: string }> {
  const policy = createOutboundPolicy({ allow: getEnv().AGENTRY_HTTP_ALLOW, maxResponseBytes: KNOWLEDGE_MAX_FILE_BYTES });
  const response = await policy.request({ method: "GET", url, headers: { accept: "text/html, text/markdown, text/plain, application/pdf, */*;q=0.5", "user-agent": "Agentry knowledge import" }, timeoutMs: 30_000, signal });
  if (response.status >= 400) throw new NodeExecutionError(`${new URL(response.url).host} answered ${response.status} for this URL.`, response.status >= 500 || response.status === 429);
  return { bytes: response.body, contentType: response.headers["content-type"] ?? "", finalUrl: response.url };
}
