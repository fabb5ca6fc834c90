import { describe, expect, it } from "vitest";
import { trimToTokenBudget } from "./trim-to-token-budget";

const message = (role: "user" | "assistant", tokens: number) => ({ role, content: "x".repeat(tokens * 4) });

describe("trimToTokenBudget", () => {
  it("keeps the newest messages that fit, dropping the oldest first", () => {
    const messages = [message("user", 50), message("assistant", 50), message("user", 30), message("assistant", 30)];
    expect(trimToTokenBudget(messages, 70)).toEqual(messages.slice(2));
    expect(trimToTokenBudget(messages, 1000)).toEqual(messages);
    expect(trimToTokenBudget(messages, undefined)).toEqual(messages);
  });

  it("never starts with an answer, and keeps nothing when even the last message is too long", () => {
    const messages = [message("user", 50), message("assistant", 10), message("user", 10), message("assistant", 10)];
    expect(trimToTokenBudget(messages, 30)).toEqual(messages.slice(2));
    expect(trimToTokenBudget([message("user", 10), message("assistant", 100)], 50)).toEqual([]);
  });
});
