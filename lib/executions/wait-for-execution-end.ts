import { setTimeout as delay } from "node:timers/promises";
import { getDb } from "@/lib/db";
import { hasEnded } from "@/lib/schemas/execution";

/**
 * Polls an execution until it has ended; resolves with its final status, output and error, or
 * null when `timeoutMs` passes first. An aborted `signal` rejects.
 */
export async function waitForExecutionEnd(executionId: string, { timeoutMs = Infinity, signal, pollMs = 150 }: { timeoutMs?: number; signal?: AbortSignal; pollMs?: number } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const current = await getDb().execution.findUniqueOrThrow({ where: { id: executionId }, select: { id: true, status: true, output: true, error: true } });
    if (hasEnded(current.status)) return current;
    if (Date.now() >= deadline) return null;
    await delay(Math.min(pollMs, Math.max(0, deadline - Date.now())), undefined, { signal });
  }
}
