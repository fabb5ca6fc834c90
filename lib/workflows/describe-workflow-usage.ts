/** "the workflow "A"" / "3 workflows: "A", "B", "C"" — at most five named. */
export function describeWorkflowUsage(usage: { workflowName: string }[]): string {
  const names = usage.map((entry) => `"${entry.workflowName}"`);
  const listed = names.length > 5 ? `${names.slice(0, 5).join(", ")} and ${names.length - 5} more` : names.join(", ");
  return `${usage.length === 1 ? "the workflow" : `${usage.length} workflows:`} ${listed}`;
}
