import { Auth, setEnvDefaults } from "@auth/core";
import { authConfig } from "@/lib/auth/auth";
import { publicOrigin } from "@/lib/http/public-origin";

/**
 * Runs Auth.js for one /api/auth request, on the app's public origin. Not next-auth's `handlers`:
 * with AUTH_URL set they re-wrap the request in a NextRequest, which turns 127.0.0.1 and [::1]
 * into localhost — the callback then redirected to another host than the one holding the cookie.
 * A plain Request keeps the origin exactly (the same thing next-auth's server actions do).
 */
export async function handleAuthRequest(request: Request): Promise<Response> {
  const config = authConfig();
  config.basePath = "/api/auth";
  config.secret ??= process.env.AUTH_SECRET;
  setEnvDefaults(process.env, config, true);
  return Auth(onPublicOrigin(request), config);
}

function onPublicOrigin(request: Request): Request {
  const url = new URL(request.url);
  const publicUrl = new URL(url.pathname + url.search, publicOrigin(request.headers, request.url));
  const init = { method: request.method, headers: request.headers, body: request.body, duplex: "half" };
  return new Request(publicUrl, init as RequestInit);
}
