import crypto from "node:crypto";
import { workspaceActor } from "@/lib/auth/workspace-actor";
import { openSecret } from "@/lib/credentials/secret-box";
import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors/app-error";
import { versionGraph } from "@/lib/executions/find-version-to-run";
import { startExecution } from "@/lib/executions/start-execution";
import { waitForExecutionEnd } from "@/lib/executions/wait-for-execution-end";
import { rateLimit } from "@/lib/kv/rate-limit";


/**
 * A call to a workflow's webhook: checks the secret (constant time), rate-limits per webhook,
 * and starts a run of the active version with the request as input. With `waitMs`, waits up to
 * that long for the run to finish and returns its outcome.
 */
export async function fireWebhook({ triggerId, secret, input, waitMs }: { triggerId: string; secret: string | null; input: Record<string, unknown>; waitMs?: number }) {
  // The trigger and the version its run uses, in one query (the start needs no lookup of its own).
  const rows = await getDb().$queryRaw<{ id: string; type: string; enabled: boolean; secret: string | null; workspaceId: string; workflowId: string; nodeId: string; versionId: string | null; version: number | null }[]>`
    SELECT t.id, t.type, t.enabled, t.secret, t."workspaceId", t."workflowId", t."nodeId", v.id AS "versionId", v.version
    FROM "Trigger" t
    JOIN "Workflow" w ON w.id = t."workflowId"
    LEFT JOIN "WorkflowVersion" v ON v."workflowId" = w.id AND v.version = w."activeVersion"
    WHERE t.id = ${triggerId}`;
  const trigger = rows[0];
  if (!trigger || trigger.type !== "webhook" || !trigger.secret) throw new AppError("not_found", "No webhook with this id.");
  const expected = Buffer.from(openSecret(trigger.secret, trigger.id));
  const given = Buffer.from(secret ?? "");
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) {
    throw new AppError("unauthorized", "Missing or wrong webhook secret: send it as X-Agentry-Secret or ?secret=.");
  }
  if (!trigger.enabled) throw new AppError("conflict", "This webhook is disabled.");
  await rateLimit("webhook", trigger.id, { limit: getEnv().AGENTRY_WEBHOOK_RATE_LIMIT, windowMs: 60_000 });
  const target = trigger.versionId && trigger.version !== null ? { workflowId: trigger.workflowId, versionId: trigger.versionId, version: trigger.version, graph: await versionGraph(trigger.versionId) } : undefined;
  const execution = await startExecution(workspaceActor(trigger.workspaceId), { workflowId: trigger.workflowId, input, trigger: "webhook", triggerNodeId: trigger.nodeId }, { target });
  if (!waitMs) return { execution, finished: null };
  return { execution, finished: await waitForExecutionEnd(execution.id, { timeoutMs: waitMs }) };
}
