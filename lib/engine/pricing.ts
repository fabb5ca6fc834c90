// USD per million tokens (input, output). Unknown models cost 0 and say so in the usage record.
export const PRICES_PER_MILLION: Record<string, { input: number; output: number }> = {
  "claude-opus-4": { input: 15, output: 75 },
  "claude-sonnet-4": { input: 3, output: 15 },
  "claude-3-5-haiku": { input: 0.8, output: 4 },
  "claude-haiku-4": { input: 1, output: 5 },
  "gpt-4o": { input: 2.5, output: 10 },
  "gpt-4o-mini": { input: 0.15, output: 0.6 },
  "gpt-4.1": { input: 2, output: 8 },
  "gpt-4.1-mini": { input: 0.4, output: 1.6 },
  "o3-mini": { input: 1.1, output: 4.4 },
};

/** The price entry whose name is the longest prefix of the model id (dated ids share a price). */
export function priceOf(model: string): { input: number; output: number } | null {
  const match = Object.keys(PRICES_PER_MILLION)
    .filter((name) => model.startsWith(name))
    .sort((a, b) => b.length - a.length)[0];
  return match ? PRICES_PER_MILLION[match]! : null;
}

export function costOf(model: string, usage: { inputTokens: number; outputTokens: number }): number {
  const price = priceOf(model);
  if (!price) return 0;
  return (usage.inputTokens * price.input + usage.outputTokens * price.output) / 1_000_000;
}
