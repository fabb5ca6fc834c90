import { z } from "zod";

export const OPERATORS = ["equals", "not_equals", "contains", "not_contains", "gt", "gte", "lt", "lte", "is_empty", "is_not_empty", "is_true", "is_false"] as const;
export const OperatorSchema = z.enum(OPERATORS);
export type Operator = (typeof OPERATORS)[number];

const isEmpty = (value: unknown) =>
  value === undefined || value === null || value === "" || (Array.isArray(value) && value.length === 0) || (typeof value === "object" && value !== null && Object.keys(value).length === 0);

const asNumber = (value: unknown) => (typeof value === "number" ? value : Number(value));

/** Compares two resolved values; strings that look like numbers compare as numbers. */
export function compare(left: unknown, operator: Operator, right: unknown): boolean {
  switch (operator) {
    case "equals":
      return left === right || (left !== null && typeof left !== "object" && String(left) === String(right));
    case "not_equals":
      return !compare(left, "equals", right);
    case "contains":
      if (Array.isArray(left)) return left.some((entry) => compare(entry, "equals", right));
      return String(left ?? "").includes(String(right ?? ""));
    case "not_contains":
      return !compare(left, "contains", right);
    case "gt":
      return asNumber(left) > asNumber(right);
    case "gte":
      return asNumber(left) >= asNumber(right);
    case "lt":
      return asNumber(left) < asNumber(right);
    case "lte":
      return asNumber(left) <= asNumber(right);
    case "is_empty":
      return isEmpty(left);
    case "is_not_empty":
      return !isEmpty(left);
    case "is_true":
      return left === true || left === "true";
    case "is_false":
      return left === false || left === "false";
  }
}
