// `{{ path }}` expressions in config strings, evaluated by walking a path — never eval. Paths:
// input.x, nodes.<id>.output.y, prev, item, index, with dots and [n] / ["key"] indexing.
// A string that is exactly one expression yields the value itself (objects stay objects);
// expressions inside text are interpolated (objects as JSON).

import { UserFacingError } from "@/lib/engine/types";

const EXPRESSION = /\{\{\s*([^{}]+?)\s*\}\}/g;
const WHOLE = /^\{\{\s*([^{}]+?)\s*\}\}$/;
const FORBIDDEN = new Set(["__proto__", "prototype", "constructor"]);

export class ExpressionError extends UserFacingError {
  override name = "ExpressionError";
}

export type ExpressionScope = Record<string, unknown>;

/** Splits `nodes.a.output["x y"][0]` into ["nodes", "a", "output", "x y", "0"]. */
export function parsePath(path: string): string[] {
  const segments: string[] = [];
  const pattern = /([A-Za-z_$][\w$-]*)|\[(\d+)\]|\["([^"]*)"\]|\['([^']*)'\]|(\.)/gy;
  let expectName = true;
  let index = 0;
  while (index < path.length) {
    pattern.lastIndex = index;
    const match = pattern.exec(path);
    if (!match) throw new ExpressionError(`Cannot read "${path}" at "${path.slice(index)}".`);
    index = pattern.lastIndex;
    if (match[5]) {
      if (expectName) throw new ExpressionError(`Cannot read "${path}": unexpected ".".`);
      expectName = true;
      continue;
    }
    if (match[1] !== undefined && !expectName) throw new ExpressionError(`Cannot read "${path}": missing "." before "${match[1]}".`);
    segments.push(match[1] ?? match[2] ?? match[3] ?? match[4]!);
    expectName = false;
  }
  if (segments.length === 0 || expectName) throw new ExpressionError(`Cannot read "${path}".`);
  for (const segment of segments) if (FORBIDDEN.has(segment)) throw new ExpressionError(`"${segment}" cannot be read.`);
  return segments;
}

export function readPath(scope: ExpressionScope, path: string): unknown {
  let value: unknown = scope;
  for (const segment of parsePath(path)) {
    if (value === null || value === undefined) return undefined;
    if (typeof value !== "object") return undefined;
    value = Object.prototype.hasOwnProperty.call(value, segment) ? (value as Record<string, unknown>)[segment] : undefined;
  }
  return value;
}

function stringify(value: unknown): string {
  if (value === undefined || value === null) return "";
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** Resolves the expressions in one string. */
export function resolveString(template: string, scope: ExpressionScope): unknown {
  const whole = WHOLE.exec(template);
  if (whole) return readPath(scope, whole[1]!);
  return template.replace(EXPRESSION, (_, path: string) => stringify(readPath(scope, path)));
}

/** Resolves every string inside a config value (objects and arrays deeply). */
export function resolveValue<T>(value: T, scope: ExpressionScope): T {
  if (typeof value === "string") return resolveString(value, scope) as T;
  if (Array.isArray(value)) return value.map((entry) => resolveValue(entry, scope)) as T;
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, resolveValue(entry, scope)])) as T;
  }
  return value;
}

/** Every path referenced in a value's strings (for validation and autocompletion). */
export function referencedPaths(value: unknown): string[] {
  if (typeof value === "string") return [...value.matchAll(EXPRESSION)].map((match) => match[1]!);
  if (Array.isArray(value)) return value.flatMap(referencedPaths);
  if (value && typeof value === "object") return Object.values(value).flatMap(referencedPaths);
  return [];
}
