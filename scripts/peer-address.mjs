// Preloaded into the Next.js server by scripts/launch.mjs (NODE_OPTIONS --import). Next.js gives
// route handlers no access to the socket, and the X-Forwarded-For it adds is the client's own when
// the client sent one — so per-IP limits could be dodged with a made-up header. This stamps the
// TCP peer's address on every request as x-agentry-peer-address, replacing any value a client
// sent under that name (lib/http/resolve-client-address.ts reads it).
import http from "node:http";
import https from "node:https";

const HEADER = "x-agentry-peer-address";

for (const Server of [http.Server, https.Server]) {
  const emit = Server.prototype.emit;
  Server.prototype.emit = function emitWithPeerAddress(event, request, ...rest) {
    if (event === "request" && request && request.headers) request.headers[HEADER] = request.socket?.remoteAddress ?? "";
    return emit.call(this, event, request, ...rest);
  };
}
