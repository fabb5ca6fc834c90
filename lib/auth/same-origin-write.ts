import { AppError } from "@/lib/errors/app-error";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Cookie-authenticated writes must come from the app's own pages. SameSite=Lax cookies already
 * keep cross-site fetches out today; this checks anyway (defence in depth, older browsers,
 * sibling subdomains): a write whose `Origin` is another host, or that the browser marks
 * `Sec-Fetch-Site: cross-site / same-site`, is refused with 403. Requests without either header
 * (curl, scripts) are not browsers acting for another site and pass. API-key requests are not
 * checked (no ambient credentials).
 */
export function assertSameOriginWrite(request: Request): void {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return;
  const origin = request.headers.get("origin");
  if (origin !== null) {
    if (!isOwnOrigin(origin, request.headers)) throw refused();
    return;
  }
  const site = request.headers.get("sec-fetch-site");
  if (site === "cross-site" || site === "same-site") throw refused();
}

function isOwnOrigin(origin: string, headers: Headers): boolean {
  let host: string;
  try {
    host = new URL(origin).host.toLowerCase();
  } catch {
    return false; // "null" (sandboxed frames, some redirects) and garbage
  }
  const configured = process.env.APP_URL || process.env.AUTH_URL;
  if (configured && new URL(configured).origin === new URL(origin).origin) return true;
  // The host the browser addressed (a proxy passes it on as X-Forwarded-Host); a page cannot forge it.
  const addressed = [headers.get("x-forwarded-host")?.split(",")[0]?.trim(), headers.get("host")?.trim()].filter(Boolean).map((value) => value!.toLowerCase());
  return addressed.includes(host);
}

function refused(): AppError {
  return new AppError("forbidden", "Cross-site request refused: writes with the session cookie must come from the app's own pages.");
}
