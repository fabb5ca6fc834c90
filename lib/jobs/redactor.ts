const REDACTED = "[redacted]";

/**
 * Credential secrets resolved during an execution are replaced wherever they would be stored:
 * node outputs and inputs, errors, events. (A node that echoes its Authorization header back
 * does not leak the key into the run history.)
 */
export function createRedactor() {
  const secrets = new Set<string>();
  const redactString = (value: string) => {
    let result = value;
    for (const secret of secrets) if (secret.length >= 4) result = result.split(secret).join(REDACTED);
    return result;
  };
  const redact = <T>(value: T): T => {
    if (secrets.size === 0) return value;
    if (typeof value === "string") return redactString(value) as T;
    if (Array.isArray(value)) return value.map(redact) as T;
    if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, redact(entry)])) as T;
    return value;
  };
  return { add: (secret: string) => void secrets.add(secret), redact };
}

export type Redactor = ReturnType<typeof createRedactor>;
