/** Keys whose values never go into events, whatever they hold. */
const SECRET_KEY = /authorization|api[-_]?key|token|secret|password|cookie/i;

/**
 * Arguments and results as events and the trace show them: secret-looking fields masked and the
 * whole capped (a long tool result would flood the stream). Credential secrets are redacted
 * again by the event sink.
 */
export function capForEvent(value: unknown, maxChars = 2000): unknown {
  const masked = mask(value, 0);
  const text = typeof masked === "string" ? masked : JSON.stringify(masked);
  if (text === undefined || text.length <= maxChars) return masked;
  return `${text.slice(0, maxChars)}… (${text.length} characters)`;
}

function mask(value: unknown, depth: number): unknown {
  if (depth > 8 || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((entry) => mask(entry, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, SECRET_KEY.test(key) ? "[redacted]" : mask(entry, depth + 1)]));
}
