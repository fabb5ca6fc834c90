import { handlers } from "@/lib/auth/auth";
import { clientIp, limitSignInRequest } from "@/lib/auth/limit-sign-in";
import { errorToResponse } from "@/lib/http/problem";

export const { GET } = handlers;

// Direct POSTs to the email sign-in endpoint get the same rate limit as the sign-in page.
export async function POST(request: Request) {
  if (new URL(request.url).pathname.endsWith("/signin/email")) {
    const form = await request.clone().formData().catch(() => null);
    const email = form?.get("email");
    try {
      await limitSignInRequest({ email: typeof email === "string" ? email : "", ip: clientIp(request.headers) });
    } catch (error) {
      return errorToResponse(error);
    }
  }
  return handlers.POST(request as Parameters<typeof handlers.POST>[0]);
}
