import { assertCan, type Actor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";

export async function listWorkflowVersions(actor: Actor, { workflowId }: { workflowId: string }) {
  assertCan(actor, "workflows.read");
  const workflow = await getDb().workflow.findFirst({ where: { id: workflowId, workspaceId: actor.workspaceId }, select: { activeVersion: true } });
  if (!workflow) throw new AppError("not_found", "Workflow not found.");
  const versions = await getDb().workflowVersion.findMany({ where: { workflowId }, orderBy: { version: "desc" }, select: { id: true, version: true, note: true, createdAt: true, createdById: true } });
  return versions.map((version) => ({ ...version, active: version.version === workflow.activeVersion }));
}
