import crypto from "node:crypto";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors/app-error";

const VERSION = "v1";

function key(): Buffer {
  const raw = getEnv().AGENTRY_ENCRYPTION_KEY;
  if (!raw) throw new AppError("unavailable", "AGENTRY_ENCRYPTION_KEY is not set: credentials cannot be stored or read.");
  const decoded = /^[0-9a-f]{64}$/i.test(raw) ? Buffer.from(raw, "hex") : Buffer.from(raw, "base64url");
  if (decoded.length !== 32) throw new AppError("unavailable", "AGENTRY_ENCRYPTION_KEY must be 32 bytes (64 hex characters or 43 base64 characters).");
  return decoded;
}

/** AES-256-GCM with a random 96-bit IV; the credential id is bound as associated data. */
export function sealSecret(plaintext: string, context: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", key(), iv);
  cipher.setAAD(Buffer.from(context));
  const data = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [VERSION, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), data.toString("base64url")].join(".");
}

export function openSecret(sealed: string, context: string): string {
  const [version, iv, tag, data] = sealed.split(".");
  if (version !== VERSION || !iv || !tag || data === undefined) throw new AppError("unavailable", "A stored credential has an unknown format.");
  try {
    const decipher = crypto.createDecipheriv("aes-256-gcm", key(), Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(context));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    throw new AppError("unavailable", "A stored credential cannot be decrypted: AGENTRY_ENCRYPTION_KEY is not the key it was stored with.");
  }
}
