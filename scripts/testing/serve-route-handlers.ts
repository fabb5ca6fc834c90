import http from "node:http";
import type { AddressInfo } from "node:net";

type Handler = (request: Request, context?: unknown) => Promise<Response>;

/**
 * Serves an App Router route's exported handlers (GET/POST/PUT …) on a loopback port over real
 * HTTP, for tests of protocols whose peer is a server of its own (Inngest's executor). Every path
 * reaches the same handlers; the URL they see is the one requested.
 */
export async function serveRouteHandlers(handlers: Partial<Record<"GET" | "POST" | "PUT" | "PATCH" | "DELETE", Handler>>, routePath = "/") {
  const server = http.createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
    incoming.on("end", async () => {
      try {
        const handler = handlers[incoming.method as keyof typeof handlers];
        if (!handler) return void outgoing.writeHead(405).end();
        const headers = new Headers();
        for (const [name, value] of Object.entries(incoming.headers)) if (typeof value === "string") headers.set(name, value);
        const body = chunks.length && incoming.method !== "GET" && incoming.method !== "HEAD" ? Buffer.concat(chunks) : undefined;
        const response = await handler(new Request(`http://${incoming.headers.host}${incoming.url}`, { method: incoming.method, headers, body }), { params: Promise.resolve({}) });
        const responseHeaders: Record<string, string> = {};
        response.headers.forEach((value, name) => (responseHeaders[name] = value));
        outgoing.writeHead(response.status, responseHeaders).end(Buffer.from(await response.arrayBuffer()));
      } catch (error) {
        outgoing.writeHead(500, { "content-type": "text/plain" }).end(String(error));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${routePath}`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
