import type { z } from "zod";
import { labelOf } from "@/components/builder/fields/field-model";
import { NODE_REGISTRY, type NodeRegistry } from "@/lib/engine/registry";

/** Field path ("url", "routes.0.left") → what is wrong there, worded for people. */
export type ConfigIssues = Map<string, string>;

type Issue = z.core.$ZodIssue;

/**
 * Validates a node's config with its zod schema (the server's) and names each problem by field
 * path. A union's "Invalid input" is replaced by the issues of the variant the config is in.
 */
export function configIssues(type: string, config: unknown, registry: NodeRegistry = NODE_REGISTRY): ConfigIssues {
  const result = registry.get(type)?.configSchema.safeParse(config ?? {});
  const issues: ConfigIssues = new Map();
  if (!result || result.success) return issues;
  for (const issue of flatten(result.error.issues as Issue[], [])) {
    const path = issue.path.map(String).join(".");
    if (!issues.has(path)) issues.set(path, messageOf(issue));
  }
  return issues;
}

function flatten(issues: Issue[], prefix: PropertyKey[]): Issue[] {
  return issues.flatMap((issue) => {
    const path = [...prefix, ...issue.path];
    if (issue.code === "invalid_union" && issue.errors.length) {
      // The variant the config meant is the one whose discriminator matched (no literal mismatch).
      const meant = issue.errors.find((branch) => !branch.some((inner) => inner.code === "invalid_value" && inner.path.length === 1)) ?? issue.errors[0]!;
      return flatten(meant, path);
    }
    return [{ ...issue, path } as Issue];
  });
}

// zod's own wording ("Invalid input: expected string, received undefined") says nothing to a
// person filling a form; schemas with a message of their own keep it.
const GENERIC = /^(Invalid input|Too small|Too big|Invalid string|Invalid option|Invalid key|Invalid element|Invalid value|Unrecognized key)/;

function messageOf(issue: Issue): string {
  if (!GENERIC.test(issue.message)) return issue.message;
  // A record key's own rule ("Name the header") sits inside the generic "Invalid key in record".
  if (issue.code === "invalid_key" && issue.issues[0] && !GENERIC.test(issue.issues[0].message)) return issue.issues[0].message;
  const last = [...issue.path].reverse().find((segment) => typeof segment === "string");
  const field = last ? labelOf(String(last)) : "This field";
  switch (issue.code) {
    case "invalid_type":
      // zod reports the input only when asked; its message still says what it got.
      if (/received undefined$/.test(issue.message)) return `${field} is required.`;
      return `${field} must be ${issue.expected === "number" || issue.expected === "int" ? "a number" : `a ${issue.expected}`}.`;
    case "too_small":
      if (issue.origin === "string") return Number(issue.minimum) <= 1 ? `${field} is required.` : `${field} needs at least ${issue.minimum} characters.`;
      if (issue.origin === "array" || issue.origin === "set") return `Add at least ${issue.minimum} to ${field.toLowerCase()}.`;
      return `${field} must be ${issue.inclusive ? "at least" : "more than"} ${issue.minimum}.`;
    case "too_big":
      if (issue.origin === "string") return `${field} is too long (at most ${issue.maximum} characters).`;
      if (issue.origin === "array" || issue.origin === "set") return `${field} can have at most ${issue.maximum}.`;
      return `${field} must be ${issue.inclusive ? "at most" : "less than"} ${issue.maximum}.`;
    case "invalid_format":
      return issue.format === "regex" ? `${field} has characters that are not allowed.` : `${field} must be a valid ${issue.format === "url" ? "URL" : issue.format}.`;
    case "invalid_value":
      return `Choose one of: ${issue.values.map(String).join(", ")}.`;
    case "invalid_key":
      return `The name "${String(issue.path.at(-1) ?? "")}" is not allowed here.`;
    case "not_multiple_of":
      return `${field} must be a multiple of ${issue.divisor}.`;
    default:
      return `${field} is not valid.`;
  }
}

/** The issues at a path or below it (for a row or a group). */
export function issuesUnder(issues: ConfigIssues, path: string): string[] {
  return [...issues.entries()].filter(([at]) => at === path || at.startsWith(`${path}.`)).map(([, message]) => message);
}
