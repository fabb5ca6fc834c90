import { getDb, type Tx } from "@/lib/db";

/**
 * Lists an active execution as "waiting" (parked on an approval) or "running" again, as the API
 * shows it; an execution that ended (or was cancelled meanwhile) keeps its status.
 */
export async function setExecutionWaiting({ executionId, waiting }: { executionId: string; waiting: boolean }, { tx }: { tx?: Tx } = {}): Promise<void> {
  await (tx ?? getDb()).execution.updateMany({ where: { id: executionId, status: { in: ["running", "waiting"] } }, data: { status: waiting ? "waiting" : "running" } });
}
