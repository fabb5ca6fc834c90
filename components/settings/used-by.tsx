import Link from "next/link";

export type WorkflowUse = { workflowId: string; workflowName: string };

/** "Used by A, B" with links to the workflows, or "Not used by any workflow". */
export function UsedByLine({ usedBy }: { usedBy: WorkflowUse[] }) {
  return (
    <p className="text-xs text-slate-500">
      {usedBy.length ? (
        <>
          Used by{" "}
          {usedBy.map((usage, index) => (
            <span key={usage.workflowId}>
              {index ? ", " : ""}
              <Link className="text-brand-700 hover:underline" href={`/workflows/${usage.workflowId}`}>
                {usage.workflowName}
              </Link>
            </span>
          ))}
        </>
      ) : (
        "Not used by any workflow"
      )}
    </p>
  );
}

/** The delete dialog's warning: what breaks, and the workflows to fix. */
export function UsedByWarning({ usedBy, consequence }: { usedBy: WorkflowUse[]; consequence: string }) {
  return (
    <div className="grid gap-2 text-sm text-slate-700" role="alert">
      <p>
        {usedBy.length === 1 ? "A workflow uses it" : `${usedBy.length} workflows use it`}: {consequence}
      </p>
      <ul className="list-disc pl-5" aria-label="Workflows using it">
        {usedBy.map((usage) => (
          <li key={usage.workflowId}>
            <Link className="text-brand-700 hover:underline" href={`/workflows/${usage.workflowId}`}>
              {usage.workflowName}
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
