import crypto from "node:crypto";

/** A random URL-safe secret (invitation links, API keys). */
export function generateToken(bytes = 32): string {
  return crypto.randomBytes(bytes).toString("base64url");
}

/** What the database stores instead of a secret: its SHA-256, hex. */
export function hashToken(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}
