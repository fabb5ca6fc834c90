import crypto from "node:crypto";

const ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";

/**
 * An id shaped like the ones Prisma makes (`@default(cuid())`: "c" and 24 lowercase letters and
 * digits), for rows inserted by raw SQL: a time prefix (rows sort roughly by creation) and 16
 * random characters.
 */
export function newRowId(): string {
  const time = Date.now().toString(36).padStart(8, "0").slice(-8);
  const bytes = crypto.randomBytes(16);
  let random = "";
  for (const byte of bytes) random += ALPHABET[byte % 36];
  return `c${time}${random}`;
}
