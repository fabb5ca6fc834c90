import type { MemoryMessage } from "@/lib/engine/types";

/** A rough token count (4 characters a token), the same for every provider: a budget, not a bill. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/**
 * The newest messages that fit in `maxTokens` (oldest dropped first), never starting with an
 * answer (a reply to nothing). Without a budget, the messages as they are.
 */
export function trimToTokenBudget(messages: MemoryMessage[], maxTokens: number | undefined): MemoryMessage[] {
  if (!maxTokens) return messages;
  const kept: MemoryMessage[] = [];
  let used = 0;
  for (let index = messages.length - 1; index >= 0; index--) {
    const message = messages[index]!;
    used += estimateTokens(message.content);
    if (used > maxTokens) break;
    kept.unshift(message);
  }
  while (kept[0]?.role === "assistant") kept.shift();
  return kept;
}
