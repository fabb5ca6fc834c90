import Link from "next/link";

/** Something that names a credential or connection: a workflow or a knowledge base, with its page. */
export type Use = { id: string; name: string; href: string; noun: "workflow" | "knowledge base" };

export function workflowUses(usedBy: { workflowId: string; workflowName: string }[] = []): Use[] {
  return usedBy.map((usage) => ({ id: usage.workflowId, name: usage.workflowName, href: `/workflows/${usage.workflowId}`, noun: "workflow" }));
}

export function knowledgeBaseUses(usedBy: { knowledgeBaseId: string; name: string }[] = []): Use[] {
  return usedBy.map((usage) => ({ id: usage.knowledgeBaseId, name: usage.name, href: `/knowledge/${usage.knowledgeBaseId}`, noun: "knowledge base" }));
}

/** "A workflow uses it" / "2 workflows and a knowledge base use it". */
function whoUses(uses: Use[]): string {
  const counted = (["workflow", "knowledge base"] as const).flatMap((noun) => {
    const count = uses.filter((use) => use.noun === noun).length;
    return count === 0 ? [] : [count === 1 ? `a ${noun}` : `${count} ${noun}s`];
  });
  const text = counted.join(" and ");
  return `${text.charAt(0).toUpperCase()}${text.slice(1)} ${uses.length === 1 ? "uses" : "use"} it`;
}

/** "Used by A, B" with links to them, or what `none` says. */
export function UsedByLine({ uses, none }: { uses: Use[]; none: string }) {
  return (
    <p className="text-xs text-slate-500">
      {uses.length ? (
        <>
          Used by{" "}
          {uses.map((use, index) => (
            <span key={use.id}>
              {index ? ", " : ""}
              <Link className="text-brand-700 hover:underline" href={use.href}>
                {use.name}
              </Link>
              {use.noun === "knowledge base" ? " (knowledge base)" : ""}
            </span>
          ))}
        </>
      ) : (
        none
      )}
    </p>
  );
}

/** The delete dialog's warning: what breaks, and where to fix it. */
export function UsedByWarning({ uses, consequence }: { uses: Use[]; consequence: string }) {
  return (
    <div className="grid gap-2 text-sm text-slate-700" role="alert">
      <p>
        {whoUses(uses)}: {consequence}
      </p>
      <ul className="list-disc pl-5" aria-label="Where it is used">
        {uses.map((use) => (
          <li key={use.id}>
            <Link className="text-brand-700 hover:underline" href={use.href}>
              {use.name}
            </Link>
            {use.noun === "knowledge base" ? " (knowledge base)" : ""}
          </li>
        ))}
      </ul>
    </div>
  );
}
