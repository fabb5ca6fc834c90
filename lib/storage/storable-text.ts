// PostgreSQL stores neither U+0000 (in text, nor as \u0000 in jsonb) nor unpaired UTF-16
// surrogates (jsonb refuses them; text gets whatever the UTF-8 encoder makes of them).
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const UNSTORABLE_ALL = new RegExp(UNSTORABLE.source, "g");

/** The replacement for what cannot be stored: U+FFFD, as any UTF-8 encoder does for a lone surrogate. */
export const REPLACEMENT_CHARACTER = "\ufffd";

/** Whether PostgreSQL can store this string as it is. */
export function isStorableText(text: string): boolean {
  return !UNSTORABLE.test(text);
}

/** The first character PostgreSQL cannot store, described for an error message ("U+0000 (NUL)"). */
export function describeUnstorableText(text: string): string | null {
  const match = UNSTORABLE.exec(text);
  if (!match) return null;
  const codePoint = `U+${match[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`;
  return match[0] === "\u0000" ? `${codePoint} (NUL)` : `${codePoint} (a lone surrogate)`;
}

/** The string with every NUL and lone surrogate replaced by U+FFFD (lossy, by design). */
export function toStorableText(text: string): string {
  return isStorableText(text) ? text : text.replace(UNSTORABLE_ALL, REPLACEMENT_CHARACTER);
}

// In JSON text (as JSON.stringify writes it) NUL and lone surrogates appear only as \u escapes.
// An escape counts when an even number of backslashes precedes it; escaped pairs are kept.
const UNSTORABLE_ESCAPE = /(?<!\\)((?:\\\\)*)(\\ud[89ab][0-9a-f]{2}\\ud[c-f][0-9a-f]{2}|\\u0000|\\ud[89a-f][0-9a-f]{2})/gi;

/**
 * JSON text with toStorableText applied to every string and key, rewritten on the text itself
 * (linear, no parsing, so any depth).
 */
export function toStorableJsonText(json: string): string {
  json = toStorableText(json);
  if (!json.includes("\\u")) return json;
  return json.replace(UNSTORABLE_ESCAPE, (match, backslashes: string, escape: string) => (escape.length === 12 ? match : `${backslashes}\\ufffd`));
}
