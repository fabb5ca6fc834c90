/**
 * The public origin of the app, for links in emails, auth redirects and callback URL checks:
 * APP_URL (or AUTH_URL) when set — set it in production — else what the browser used
 * (X-Forwarded-Host/Proto from a proxy, else Host). Next.js's own request.url cannot be used: it
 * says localhost for any loopback host.
 */
export function publicOrigin(headers: Headers, requestUrl = "http://localhost"): string {
  const configured = process.env.APP_URL || process.env.AUTH_URL;
  if (configured) return new URL(configured).origin;
  const url = new URL(requestUrl);
  const host = headers.get("x-forwarded-host")?.split(",")[0]?.trim() || headers.get("host") || url.host;
  const proto = headers.get("x-forwarded-proto")?.split(",")[0]?.trim() || url.protocol.replace(":", "");
  return `${proto}://${host}`;
}
