import type { Metadata } from "next";
import { CredentialsPanel } from "@/components/settings/credentials-panel";
import { requireStudioSession } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { listCredentials } from "@/lib/credentials/list-credentials";

export const metadata: Metadata = { title: "Credentials" };

// Everyone sees the names (to know what nodes can use); admins add, test, rotate and delete.
export default async function CredentialsPage() {
  const { actor } = await requireStudioSession();
  const credentials = await listCredentials(actor);
  return (
    <CredentialsPanel
      canManage={can(actor.role, "credentials.manage")}
      credentials={credentials.map((credential) => ({
        id: credential.id,
        name: credential.name,
        provider: credential.provider,
        createdAt: credential.createdAt.toISOString(),
        baseUrl: credential.baseUrl,
        lastUsedAt: credential.lastUsedAt?.toISOString() ?? null,
        rotatedAt: credential.rotatedAt?.toISOString() ?? null,
        usedBy: credential.usedBy,
        usedByKnowledgeBases: credential.usedByKnowledgeBases,
      }))}
    />
  );
}
