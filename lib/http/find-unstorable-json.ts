import type { FieldError } from "@/lib/errors/app-error";
import { describeUnstorableText } from "@/lib/storage/storable-text";

/** Request JSON nested deeper is refused: JSON.stringify and PostgreSQL's jsonb parser recurse. */
export const MAX_JSON_DEPTH = 64;
const MAX_ERRORS = 20;

export type UnstorableJsonOptions = {
  /**
   * Top-level fields holding free JSON data (a run's input): their strings may contain NUL or lone
   * surrogates, which are stored as U+FFFD (lib/storage). `"all"`: the whole value is data.
   */
  jsonData?: readonly string[] | "all";
};

/**
 * What PostgreSQL could not store in a parsed JSON value, as field errors under `root`: nesting
 * deeper than MAX_JSON_DEPTH anywhere, and strings or keys containing NUL or a lone surrogate
 * outside the `jsonData` fields. Iterative, so any depth is safe to inspect.
 */
export function findUnstorableJson(value: unknown, root: string, { jsonData = [] }: UnstorableJsonOptions = {}): FieldError[] {
  const errors: FieldError[] = [];
  const pending = [{ value, path: root, depth: 0, checkText: jsonData !== "all" }];
  while (pending.length > 0 && errors.length < MAX_ERRORS) {
    const { value: current, path, depth, checkText } = pending.pop()!;
    if (typeof current === "string") {
      const found = checkText ? describeUnstorableText(current) : null;
      if (found) errors.push({ path, message: `Contains ${found}, which cannot be stored.` });
      continue;
    }
    if (current === null || typeof current !== "object") continue;
    if (depth >= MAX_JSON_DEPTH) {
      errors.push({ path, message: `Nested deeper than ${MAX_JSON_DEPTH} levels.` });
      continue;
    }
    // Pushed last to first, so errors come out in document order.
    for (const [key, entry] of Object.entries(current).reverse()) {
      const found = checkText ? describeUnstorableText(key) : null;
      if (found) errors.push({ path, message: `A key contains ${found}, which cannot be stored.` });
      const isData = depth === 0 && !Array.isArray(current) && jsonData !== "all" && jsonData.includes(key);
      pending.push({ value: entry, path: `${path}.${key}`, depth: depth + 1, checkText: checkText && !isData });
    }
  }
  return errors.slice(0, MAX_ERRORS);
}
