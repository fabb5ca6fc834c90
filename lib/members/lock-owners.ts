import type { Tx } from "@/lib/db";

/**
 * The workspace's owners, row-locked until the transaction ends, so two concurrent demotions or
 * departures cannot both pass the "another owner remains" check.
 */
export async function lockOwners(tx: Tx, workspaceId: string): Promise<string[]> {
  const rows = await tx.$queryRaw<{ userId: string }[]>`
    SELECT "userId" FROM "Membership" WHERE "workspaceId" = ${workspaceId} AND role = 'owner' FOR UPDATE`;
  return rows.map((row) => row.userId);
}
