import { handleAuthRequest } from "@/lib/auth/handle-auth-request";
import { limitSignInRequest } from "@/lib/auth/limit-sign-in";
import { errorToResponse } from "@/lib/http/problem";
import { resolveClientAddress } from "@/lib/http/resolve-client-address";

export function GET(request: Request) {
  return handleAuthRequest(request);
}

// Direct POSTs to the email sign-in endpoint get the same rate limit as the sign-in page.
export async function POST(request: Request) {
  if (new URL(request.url).pathname.endsWith("/signin/email")) {
    const form = await request.clone().formData().catch(() => null);
    const email = form?.get("email");
    try {
      await limitSignInRequest({ email: typeof email === "string" ? email : "", ip: resolveClientAddress(request.headers) });
    } catch (error) {
      return errorToResponse(error);
    }
  }
  return handleAuthRequest(request);
}
