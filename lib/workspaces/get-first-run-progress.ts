import { assertCan, type Actor } from "@/lib/auth/actor";
import { getDb, type Tx } from "@/lib/db";
import { MODEL_PROVIDERS } from "@/lib/schemas/credential";

export type FirstRunProgress = {
  /** A model credential exists (Anthropic, OpenAI or OpenAI-compatible). */
  hasModelCredential: boolean;
  /** The most recently edited workflow, if any. */
  workflow: { id: string; name: string } | null;
  /** The latest run of any workflow, and the latest completed one. */
  latestRun: { id: string; workflowId: string; status: string } | null;
  completedRun: { id: string; workflowId: string } | null;
};

/** Where a workspace is on the first-run path (credential → workflow → run → completed run), from its rows. */
export async function getFirstRunProgress(actor: Actor, { tx }: { tx?: Tx } = {}): Promise<FirstRunProgress> {
  assertCan(actor, "workflows.read");
  const db = tx ?? getDb();
  const where = { workspaceId: actor.workspaceId };
  const [credential, workflow, latestRun, completedRun] = await Promise.all([
    db.credential.findFirst({ where: { ...where, provider: { in: [...MODEL_PROVIDERS] } }, select: { id: true } }),
    db.workflow.findFirst({ where, orderBy: { updatedAt: "desc" }, select: { id: true, name: true } }),
    db.execution.findFirst({ where, orderBy: { createdAt: "desc" }, select: { id: true, workflowId: true, status: true } }),
    db.execution.findFirst({ where: { ...where, status: "completed" }, orderBy: { createdAt: "desc" }, select: { id: true, workflowId: true } }),
  ]);
  return { hasModelCredential: credential !== null, workflow, latestRun, completedRun };
}
