import { NextRequest } from "next/server";
import { handlers } from "@/lib/auth/auth";
import { clientIp, limitSignInRequest } from "@/lib/auth/limit-sign-in";
import { errorToResponse } from "@/lib/http/problem";
import { requestOrigin } from "@/lib/http/route";

// Auth.js builds its redirects and cookies from request.url, which Next.js reports as
// localhost: hand it the URL the browser actually used. A plain Request, because NextRequest
// itself rewrites 127.0.0.1 to localhost.
function withPublicUrl(request: NextRequest): NextRequest {
  if (process.env.AUTH_URL) return request; // next-auth applies AUTH_URL itself
  const url = new URL(request.url);
  const publicUrl = new URL(url.pathname + url.search, requestOrigin(request));
  if (publicUrl.href === url.href) return request;
  const init = { method: request.method, headers: request.headers, body: request.body, duplex: "half" };
  return new Request(publicUrl, init as RequestInit) as NextRequest;
}

export function GET(request: NextRequest) {
  return handlers.GET(withPublicUrl(request));
}

// Direct POSTs to the email sign-in endpoint get the same rate limit as the sign-in page.
export async function POST(request: NextRequest) {
  if (new URL(request.url).pathname.endsWith("/signin/email")) {
    const form = await request.clone().formData().catch(() => null);
    const email = form?.get("email");
    try {
      await limitSignInRequest({ email: typeof email === "string" ? email : "", ip: clientIp(request.headers) });
    } catch (error) {
      return errorToResponse(error);
    }
  }
  return handlers.POST(withPublicUrl(request));
}
