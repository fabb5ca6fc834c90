import { assertCan, type Actor } from "@/lib/auth/actor";
import { CREDENTIAL_VIEW } from "@/lib/credentials/create-credential";
import { getDb } from "@/lib/db";

/** Names and providers for pickers (editors choose credentials in nodes); never secrets. */
export async function listCredentials(actor: Actor) {
  assertCan(actor, "workflows.read");
  return getDb().credential.findMany({ where: { workspaceId: actor.workspaceId }, orderBy: { name: "asc" }, select: CREDENTIAL_VIEW });
}
