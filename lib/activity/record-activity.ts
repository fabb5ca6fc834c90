import { getDb, type Tx } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

export type ActivityActor = { userId?: string | null; apiKeyId?: string | null };

export type ActivityInput = {
  workspaceId?: string | null;
  actor: ActivityActor;
  action: string;
  targetType?: string;
  targetId?: string;
  data?: Prisma.InputJsonObject;
};

/** Appends one row to the activity log (who did what, when). Never holds secrets. */
export async function recordActivity(input: ActivityInput, { tx }: { tx?: Tx } = {}): Promise<void> {
  await (tx ?? getDb()).activityLog.create({
    data: {
      workspaceId: input.workspaceId ?? null,
      actorUserId: input.actor.userId ?? null,
      actorApiKeyId: input.actor.apiKeyId ?? null,
      action: input.action,
      targetType: input.targetType,
      targetId: input.targetId,
      data: input.data ?? {},
    },
  });
}
