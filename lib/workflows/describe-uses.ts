/** `the workflow "A"` / `3 workflows: "A", "B", "C"` — at most five named, for messages about what uses something. */
export function describeUses(noun: string, names: string[]): string {
  const quoted = names.map((name) => `"${name}"`);
  const listed = quoted.length > 5 ? `${quoted.slice(0, 5).join(", ")} and ${quoted.length - 5} more` : quoted.join(", ");
  return `${names.length === 1 ? `the ${noun}` : `${names.length} ${noun}s:`} ${listed}`;
}
