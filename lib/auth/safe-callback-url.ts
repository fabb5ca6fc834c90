// Browsers drop tabs and newlines from URLs and read "\" as "/", so "/\t/evil.example" and
// "/\evil.example" become "//evil.example": another host. Such values are refused, not repaired.
const CONTROL_OR_BACKSLASH = /[\u0000-\u001f\u007f\\]/;
const MAX_LENGTH = 2048;
const NOWHERE = "http://agentry.invalid";

/**
 * Where to go after sign-in or sign-out: a path on this app, or "/". Accepts a path ("/x?y#z")
 * or an absolute URL on exactly `origin` (the public origin, APP_URL's), and returns the path
 * as the URL parser normalises it. Anything that could lead elsewhere — other origins,
 * protocol-relative "//host", control characters, backslashes, or any of these percent-encoded
 * in the path — gives "/".
 */
export function safeCallbackUrl(value: unknown, origin?: string): string {
  if (typeof value !== "string" || value.length > MAX_LENGTH || CONTROL_OR_BACKSLASH.test(value)) return "/";
  const base = new URL(origin ?? NOWHERE);
  let url: URL;
  if (value.startsWith("/")) {
    if (value.startsWith("//")) return "/";
    url = new URL(value, base);
  } else {
    if (!origin || !URL.canParse(value)) return "/";
    url = new URL(value);
  }
  if (url.origin !== base.origin || url.username || url.password) return "/";
  const decodedPath = decodeRepeatedly(url.pathname);
  if (decodedPath === null || decodedPath.startsWith("//") || CONTROL_OR_BACKSLASH.test(decodedPath)) return "/";
  return url.pathname + url.search + url.hash;
}

/**
 * The path as a server or browser that decodes it (any number of times) would see it. Byte-wise,
 * so malformed or partial escapes cannot hide an encoded "/" or control character; null if it
 * keeps changing.
 */
function decodeRepeatedly(path: string): string | null {
  let current = path;
  for (let round = 0; round < 5; round++) {
    const next = current.replace(/%([0-9a-f]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    if (next === current) return current;
    current = next;
  }
  return null;
}
