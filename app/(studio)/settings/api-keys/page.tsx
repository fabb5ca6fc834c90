import type { Metadata } from "next";
import { ApiKeysPanel } from "@/components/settings/api-keys-panel";
import { listApiKeys } from "@/lib/api-keys/list-api-keys";
import { NoAccess } from "@/components/ui/no-access";
import { requireStudioSession } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { hasRole, INVITABLE_ROLES } from "@/lib/auth/roles";

export const metadata: Metadata = { title: "API keys" };

export default async function ApiKeysPage() {
  const { actor } = await requireStudioSession();
  if (!can(actor.role, "api_keys.manage")) return <NoAccess need="admin" />;
  const keys = await listApiKeys(actor);
  return (
    <ApiKeysPanel
      roles={INVITABLE_ROLES.filter((role) => hasRole(actor.role, role)).reverse()}
      keys={keys.map((key) => ({
        id: key.id,
        name: key.name,
        prefix: key.prefix,
        role: key.role,
        createdAt: key.createdAt.toISOString(),
        lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
        createdBy: key.createdBy?.email ?? null,
      }))}
    />
  );
}
