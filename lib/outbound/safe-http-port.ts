import dns from "node:dns";
import http from "node:http";
import https from "node:https";
import net from "node:net";
import type { HttpPort, HttpRequest, HttpResponse } from "@/lib/engine/types";
import { NodeExecutionError } from "@/lib/engine/types";
import { isBlockedAddress, parseAddressPolicy, type AddressPolicy } from "@/lib/outbound/address-policy";

const MAX_REDIRECTS = 5;
export const MAX_RESPONSE_BYTES = 10 * 1024 * 1024;

/**
 * Outbound HTTP for workflow nodes. Every connection's address is checked after DNS resolution
 * (so rebinding a name to 127.0.0.1 does not help), redirects are re-checked hop by hop, bodies
 * are capped and requests time out.
 */
export function createSafeHttpPort(options: { allow?: string } = {}): HttpPort {
  const policy = parseAddressPolicy(options.allow);
  return {
    async request(request, signal) {
      let current = request;
      for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
        const response = await send(current, policy, signal);
        const location = response.headers.location;
        if (response.status >= 300 && response.status < 400 && location) {
          const next = new URL(location, current.url).toString();
          const keepsMethod = response.status === 307 || response.status === 308;
          current = { ...current, url: next, method: keepsMethod ? current.method : "GET", body: keepsMethod ? current.body : undefined };
          continue;
        }
        return response;
      }
      throw new NodeExecutionError(`Too many redirects (more than ${MAX_REDIRECTS}).`);
    },
  };
}

function send(request: HttpRequest, policy: AddressPolicy, signal?: AbortSignal): Promise<HttpResponse> {
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    throw new NodeExecutionError(`"${request.url}" is not a valid URL.`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new NodeExecutionError(`Only http and https URLs are allowed, not ${url.protocol}`);
  const hostname = url.hostname.replace(/^\[|\]$/g, "").toLowerCase();
  const hostAllowed = policy.allowHosts.has(hostname);
  if (!hostAllowed && net.isIP(hostname) && isBlockedAddress(hostname, policy)) throw blockedError(hostname);

  // Checks the address each connection actually goes to.
  const lookup: net.LookupFunction = (host, lookupOptions, callback) => {
    dns.lookup(host, { ...lookupOptions, all: true }, (error, addresses) => {
      if (error) return callback(error, "", 0);
      const list = addresses as dns.LookupAddress[];
      const allowed = hostAllowed ? list : list.filter((entry) => !isBlockedAddress(entry.address, policy));
      if (allowed.length === 0) return callback(blockedError(host) as NodeJS.ErrnoException, "", 0);
      if ((lookupOptions as { all?: boolean }).all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, allowed);
      callback(null, allowed[0]!.address, allowed[0]!.family);
    });
  };

  return new Promise((resolve, reject) => {
    const client = url.protocol === "https:" ? https : http;
    const outgoing = client.request(url, { method: request.method, headers: request.headers, lookup, signal }, (incoming) => {
      const chunks: Buffer[] = [];
      let size = 0;
      incoming.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_RESPONSE_BYTES) {
          outgoing.destroy(new NodeExecutionError(`The response is larger than ${MAX_RESPONSE_BYTES} bytes.`));
          return;
        }
        chunks.push(chunk);
      });
      incoming.on("end", () => {
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(incoming.headers)) if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value;
        resolve({ status: incoming.statusCode ?? 0, headers, body: Buffer.concat(chunks).toString("utf8") });
      });
      incoming.on("error", reject);
    });
    outgoing.setTimeout(request.timeoutMs, () => outgoing.destroy(new NodeExecutionError(`No answer from ${url.host} within ${request.timeoutMs} ms.`, true)));
    outgoing.on("error", (error) => reject(error instanceof NodeExecutionError ? error : new NodeExecutionError(`${request.method} ${url.host} failed: ${error.message}`, true, { cause: error })));
    if (request.body) outgoing.write(request.body);
    outgoing.end();
  });
}

function blockedError(host: string): NodeExecutionError {
  return new NodeExecutionError(`Requests to ${host} are blocked: private, loopback and link-local addresses are off-limits (allow them with AGENTRY_HTTP_ALLOW).`);
}
