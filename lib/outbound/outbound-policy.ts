import dns from "node:dns";
import http from "node:http";
import https from "node:https";
import net from "node:net";
import { Readable, Transform, type TransformCallback } from "node:stream";
import zlib from "node:zlib";
import { NodeExecutionError } from "@/lib/engine/types";
import { classifyAddress, isBlockedAddress, parseAddressPolicy } from "@/lib/outbound/address-policy";

/**
 * THE outbound policy: every server-side request whose target a user can choose — HTTP nodes,
 * model base URLs of agent nodes, and what comes next (MCP servers, knowledge URL import,
 * embeddings endpoints) — goes through `createOutboundPolicy(...)` (or `getOutboundPolicy()`,
 * which reads AGENTRY_HTTP_ALLOW):
 * - http and https only;
 * - the address of every connection is checked after DNS resolution (a name rebound to 127.0.0.1
 *   does not help) against the IANA special-purpose ranges (address-policy.ts), unless the host
 *   name or the address is on the allow list;
 * - redirects are followed by hand, at most 5, each hop checked again; on a hop to another origin
 *   every header but a few harmless ones (accept, content-type, user-agent …) is dropped, so
 *   credentials, cookies and custom API-key headers never follow a redirect off-origin;
 * - responses are capped in size (after decompression) and requests in time.
 * Use `policy.fetch` where a library takes a `fetch` (the model SDKs, MCP transports), and
 * `policy.request` for a buffered request.
 */
export type OutboundPolicyOptions = {
  /** AGENTRY_HTTP_ALLOW: host names and CIDR ranges reachable despite being special-purpose. */
  allow?: string;
  maxRedirects?: number;
  maxResponseBytes?: number;
};

export type OutboundRequest = {
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  signal?: AbortSignal;
  /** Deadline for the whole exchange, redirects and body included. */
  timeoutMs?: number;
  /** "follow" (default), "manual" (answer the 3xx itself) or "error". */
  redirect?: RequestRedirect;
};

export type OutboundStreamResponse = {
  status: number;
  statusText: string;
  headers: Record<string, string>;
  /** The URL of the last hop. */
  url: string;
  redirected: boolean;
  body: Readable;
};
export type OutboundResponse = Omit<OutboundStreamResponse, "body"> & { body: Buffer };

export type OutboundPolicy = {
  /** Streams the answer (body capped, decompressed). */
  open(request: OutboundRequest): Promise<OutboundStreamResponse>;
  /** Reads the whole answer (capped). */
  request(request: OutboundRequest): Promise<OutboundResponse>;
  /** A WHATWG fetch with the same rules, for libraries that accept a custom fetch. */
  fetch: typeof fetch;
  /** Throws OutboundBlockedError when the URL is refused before any DNS look-up (scheme, IP literal). */
  assertAllowedUrl(url: string): URL;
};

export const DEFAULT_MAX_REDIRECTS = 5;
export const DEFAULT_MAX_RESPONSE_BYTES = 10 * 1024 * 1024;

/** Failures of outbound requests: `kind` says which rule or network condition. */
export class OutboundError extends NodeExecutionError {
  override name = "OutboundError";
  constructor(
    readonly kind: "blocked" | "invalid_url" | "too_many_redirects" | "too_large" | "timeout" | "network",
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, kind === "timeout" || kind === "network", options);
  }
}

/** A request refused by the address policy (never retryable). */
export class OutboundBlockedError extends OutboundError {
  override name = "OutboundBlockedError";
  constructor(host: string, range?: string) {
    super("blocked", `Requests to ${host} are blocked${range ? ` (${range} address)` : ""}: private, loopback, link-local and other special-purpose addresses are off-limits (allow them with AGENTRY_HTTP_ALLOW).`);
  }
}

/** Headers that may follow a redirect to another origin; everything else is dropped. */
const CROSS_ORIGIN_SAFE_HEADERS = new Set(["accept", "accept-language", "content-language", "content-type", "user-agent", "cache-control", "pragma", "idempotency-key"]);
const BODY_HEADERS = ["content-type", "content-length", "content-encoding", "content-language", "transfer-encoding"];

const policies = new Map<string, OutboundPolicy>();

/** One policy object per allow list (its connection pools are shared by all callers). */
export function createOutboundPolicy(options: OutboundPolicyOptions = {}): OutboundPolicy {
  const cacheKey = JSON.stringify([options.allow ?? "", options.maxRedirects, options.maxResponseBytes]);
  let policy = policies.get(cacheKey);
  if (!policy) {
    policy = buildPolicy(options);
    policies.set(cacheKey, policy);
  }
  return policy;
}

function buildPolicy(options: OutboundPolicyOptions): OutboundPolicy {
  const addressPolicy = parseAddressPolicy(options.allow);
  const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  const maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;

  // Checks the address each connection actually goes to.
  const lookup = ((host: string, lookupOptions: dns.LookupOptions, callback: (...args: unknown[]) => void) => {
    dns.lookup(host, { ...lookupOptions, all: true }, (error, addresses) => {
      if (error) return callback(error, "", 0);
      const hostAllowed = addressPolicy.allowHosts.has(host.toLowerCase());
      const allowed = hostAllowed ? addresses : addresses.filter((entry) => !isBlockedAddress(entry.address, addressPolicy));
      if (allowed.length === 0) return callback(new OutboundBlockedError(host, classifyAddress(addresses[0]?.address ?? "")), "", 0);
      if (lookupOptions.all) return callback(null, allowed);
      callback(null, allowed[0]!.address, allowed[0]!.family);
    });
  }) as unknown as net.LookupFunction;
  const agents = {
    "http:": new http.Agent({ keepAlive: true, lookup, timeout: 60_000 } as http.AgentOptions),
    "https:": new https.Agent({ keepAlive: true, lookup, timeout: 60_000 } as https.AgentOptions),
  };

  function assertAllowedUrl(raw: string): URL {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new OutboundError("invalid_url", `"${raw.slice(0, 200)}" is not a valid URL.`);
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") throw new OutboundError("invalid_url", `Only http and https URLs are allowed, not ${url.protocol}`);
    if (url.username || url.password) throw new OutboundError("invalid_url", "URLs with a user name or password are not allowed; use a credential instead.");
    const hostname = url.hostname.replace(/^\[|\]$/g, "").toLowerCase();
    if (net.isIP(hostname) && !addressPolicy.allowHosts.has(hostname) && isBlockedAddress(hostname, addressPolicy)) throw new OutboundBlockedError(hostname, classifyAddress(hostname));
    return url;
  }

  async function open(request: OutboundRequest): Promise<OutboundStreamResponse> {
    const deadline = request.timeoutMs ? AbortSignal.timeout(request.timeoutMs) : undefined;
    const signal = deadline && request.signal ? AbortSignal.any([request.signal, deadline]) : (deadline ?? request.signal);
    let method = request.method.toUpperCase();
    let headers = lowerCaseHeaders(request.headers ?? {});
    let body = request.body;
    let url = assertAllowedUrl(request.url);
    for (let hop = 0; ; hop++) {
      const response = await send(url, method, headers, body, signal, deadline, request.timeoutMs);
      const location = response.headers.location;
      const isRedirect = [301, 302, 303, 307, 308].includes(response.status) && location;
      if (!isRedirect || request.redirect === "manual") return { ...response, url: url.toString(), redirected: hop > 0 };
      response.body.destroy();
      if (request.redirect === "error") throw new OutboundError("network", `${url.host} answered with a redirect.`);
      if (hop >= maxRedirects) throw new OutboundError("too_many_redirects", `Too many redirects (more than ${maxRedirects}).`);
      let next: URL;
      try {
        next = assertAllowedUrl(new URL(location, url).toString());
      } catch (error) {
        if (error instanceof OutboundError) throw error;
        throw new OutboundError("invalid_url", `${url.host} redirected to an invalid URL.`);
      }
      const keepsMethod = response.status === 307 || response.status === 308 || method === "GET" || method === "HEAD";
      if (!keepsMethod) {
        method = "GET";
        body = undefined;
        headers = Object.fromEntries(Object.entries(headers).filter(([name]) => !BODY_HEADERS.includes(name)));
      }
      if (next.origin !== url.origin) headers = Object.fromEntries(Object.entries(headers).filter(([name]) => CROSS_ORIGIN_SAFE_HEADERS.has(name)));
      url = next;
    }
  }

  function send(url: URL, method: string, headers: Record<string, string>, body: string | Uint8Array | undefined, signal: AbortSignal | undefined, deadline: AbortSignal | undefined, timeoutMs: number | undefined): Promise<Omit<OutboundStreamResponse, "url" | "redirected">> {
    const payload = body === undefined ? undefined : typeof body === "string" ? Buffer.from(body) : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
    const outgoingHeaders = { ...headers };
    delete outgoingHeaders["content-length"];
    delete outgoingHeaders["transfer-encoding"];
    delete outgoingHeaders["connection"];
    if (payload) outgoingHeaders["content-length"] = String(payload.length);
    const explain = (error: unknown): Error => {
      if (error instanceof OutboundError) return error;
      if (deadline?.aborted) return new OutboundError("timeout", `No answer from ${url.host} within ${timeoutMs} ms.`, { cause: error });
      if (signal?.aborted) return signal.reason instanceof Error ? signal.reason : Object.assign(new Error("The request was aborted."), { name: "AbortError" });
      const code = (error as NodeJS.ErrnoException).code;
      return new OutboundError("network", `${method} ${url.host} failed${code ? ` (${code})` : ""}.`, { cause: error });
    };
    return new Promise((resolve, reject) => {
      const client = url.protocol === "https:" ? https : http;
      const outgoing = client.request(url, { method, headers: outgoingHeaders, agent: agents[url.protocol as "http:" | "https:"], lookup, signal }, (incoming) => {
        const responseHeaders: Record<string, string> = {};
        for (const [name, value] of Object.entries(incoming.headers)) if (value !== undefined) responseHeaders[name] = Array.isArray(value) ? value.join(", ") : value;
        let stream: Readable = incoming;
        const encoding = responseHeaders["content-encoding"]?.trim().toLowerCase();
        const decoder = encoding === "gzip" || encoding === "x-gzip" ? zlib.createGunzip() : encoding === "deflate" ? zlib.createInflate() : encoding === "br" ? zlib.createBrotliDecompress() : undefined;
        if (decoder) {
          delete responseHeaders["content-encoding"];
          delete responseHeaders["content-length"];
          incoming.on("error", (error) => decoder.destroy(error));
          stream = incoming.pipe(decoder);
        }
        const capped = stream.pipe(new ByteCap(maxResponseBytes));
        // The reader attaches after this callback; it still sees the error (the stream keeps it).
        capped.on("error", () => undefined);
        stream.on("error", (error) => capped.destroy(explain(error)));
        capped.on("close", () => {
          if (!incoming.destroyed) incoming.destroy();
        });
        resolve({ status: incoming.statusCode ?? 0, statusText: incoming.statusMessage ?? "", headers: responseHeaders, body: capped });
      });
      outgoing.on("error", (error) => reject(explain(error)));
      outgoing.end(payload);
    });
  }

  async function requestBuffered(request: OutboundRequest): Promise<OutboundResponse> {
    const response = await open(request);
    const chunks: Buffer[] = [];
    for await (const chunk of response.body) chunks.push(chunk as Buffer);
    return { ...response, body: Buffer.concat(chunks) };
  }

  const policyFetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const body = request.body ? new Uint8Array(await request.arrayBuffer()) : undefined;
    const response = await open({ method: request.method, url: request.url, headers: Object.fromEntries(request.headers), body, signal: init?.signal ?? request.signal, redirect: request.redirect });
    const nullBody = request.method === "HEAD" || [101, 103, 204, 205, 304].includes(response.status);
    if (response.status < 200 || response.status > 599) {
      response.body.destroy();
      throw new OutboundError("network", `${new URL(response.url).host} answered with status ${response.status}.`);
    }
    if (nullBody) response.body.destroy();
    const result = new Response(nullBody ? null : toWebStream(response.body), { status: response.status, statusText: response.statusText, headers: response.headers });
    Object.defineProperty(result, "url", { value: response.url });
    Object.defineProperty(result, "redirected", { value: response.redirected });
    return result;
  }) as typeof fetch;

  return { open, request: requestBuffered, fetch: policyFetch, assertAllowedUrl };
}

/** Pull-based (Readable.toWeb in Node 20 can enqueue into a cancelled stream and throw). */
function toWebStream(readable: Readable): ReadableStream<Uint8Array> {
  const chunks = readable[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  let cancelled = false;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const { value, done } = await chunks.next();
          if (cancelled) return;
          if (done) controller.close();
          else controller.enqueue(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
        } catch (error) {
          if (!cancelled) controller.error(error);
        }
      },
      async cancel() {
        cancelled = true;
        readable.destroy();
        await chunks.return?.().catch(() => undefined);
      },
    },
    { highWaterMark: 0 },
  );
}

function lowerCaseHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
}

/** Fails the stream once more than `max` bytes went through. */
class ByteCap extends Transform {
  private seen = 0;
  constructor(private readonly max: number) {
    super();
  }
  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
    this.seen += chunk.length;
    if (this.seen > this.max) return callback(new OutboundError("too_large", `The response is larger than ${this.max} bytes.`));
    callback(null, chunk);
  }
}
