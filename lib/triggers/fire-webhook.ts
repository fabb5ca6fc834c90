import crypto from "node:crypto";
import { workspaceActor } from "@/lib/auth/workspace-actor";
import { openSecret } from "@/lib/credentials/secret-box";
import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors/app-error";
import { versionGraph } from "@/lib/executions/find-version-to-run";
import { insertAndStartExecution, insertFinishedExecution, summaryOf } from "@/lib/executions/insert-execution";
import { isPureGraph, runPureWorkflow } from "@/lib/executions/run-pure-workflow";
import { startExecution } from "@/lib/executions/start-execution";
import { waitForExecutionEnd } from "@/lib/executions/wait-for-execution-end";
import { Prisma } from "@/lib/generated/prisma/client";
import { rateLimit } from "@/lib/kv/rate-limit";
import { WorkflowGraphSchema, type WorkflowGraph } from "@/lib/schemas/workflow";


/**
 * A call to a workflow's webhook: checks the secret (constant time), rate-limits per webhook,
 * and starts a run of the active version with the request as input. With `waitMs`, waits up to
 * that long for the run to finish and returns its outcome.
 */
export async function fireWebhook({ triggerId, secret, input, waitMs }: { triggerId: string; secret: string | null; input: Record<string, unknown>; waitMs?: number }) {
  const known = await startKnownWebhook({ triggerId, secret, input });
  // A pure workflow ran whole in this request: its outcome is there already.
  if (known?.finished) return { execution: known.execution, finished: waitMs ? known.finished : null };
  const execution = known?.execution ?? (await startWebhook({ triggerId, secret, input }));
  if (!waitMs) return { execution, finished: null };
  return { execution, finished: await waitForExecutionEnd(execution.id, { timeoutMs: waitMs }) };
}

// Secrets this process has checked, by trigger: the sealed value as stored and what it opens to.
// A sealed value always opens to the same secret, so the pair never goes stale: a rotated
// secret is a new sealed value, which the statement below no longer finds.
const MAX_KNOWN_SECRETS = 10_000;
const knownSecrets = new Map<string, { sealed: string; secret: Buffer; versionId: string | null; nodeId: string }>();

// Published versions never change: their graph is parsed once per cached copy.
const parsedGraphs = new WeakMap<object, WorkflowGraph>();
function parsedGraph(raw: WorkflowGraph): WorkflowGraph {
  let parsed = parsedGraphs.get(raw);
  if (!parsed) parsedGraphs.set(raw, (parsed = WorkflowGraphSchema.parse(raw)));
  return parsed;
}

function sameSecret(expected: Buffer, given: string | null): boolean {
  const candidate = Buffer.from(given ?? "");
  return candidate.length === expected.length && crypto.timingSafeEqual(candidate, expected);
}

/**
 * The fast path for a webhook whose secret this process has checked before: one statement checks
 * the trigger (still a webhook, enabled, with that same sealed secret, on a published workflow)
 * and stores the execution. Null when it cannot (first call, wrong secret, anything changed):
 * the full path then decides, with its precise errors.
 */
async function startKnownWebhook({ triggerId, secret, input }: { triggerId: string; secret: string | null; input: Record<string, unknown> }) {
  const known = knownSecrets.get(triggerId);
  if (!known || !sameSecret(known.secret, secret)) return null;
  await rateLimit("webhook", triggerId, { limit: getEnv().AGENTRY_WEBHOOK_RATE_LIMIT, windowMs: 60_000 });
  const source = (versionId: string | null) => Prisma.sql`
    SELECT t."workspaceId", t."workflowId", v.id AS "versionId", v.version, t."nodeId"
    FROM "Trigger" t
    JOIN "Workflow" w ON w.id = t."workflowId"
    JOIN "WorkflowVersion" v ON v."workflowId" = w.id AND v.version = w."activeVersion"
    WHERE t.id = ${triggerId} AND t.type = 'webhook' AND t.enabled AND t.secret = ${known.sealed}
      AND (${versionId}::text IS NULL OR v.id = ${versionId}::text)`;
  const actor = { kind: "user" as const, userId: null, apiKeyId: null };
  const request = { input, trigger: "webhook" as const };

  // A pure workflow (transforms, conditions, routers, outputs) runs in memory first and is stored
  // whole by the one statement, if that version is still the active one; else the usual path.
  const graph = known.versionId ? parsedGraph(await versionGraph(known.versionId)) : null;
  if (graph && isPureGraph(graph)) {
    const startedAt = new Date();
    const run = await runPureWorkflow({ graph, input, triggerNodeId: known.nodeId, startedAt });
    // A failure is left to the usual path, which records the failed step as any run does.
    if (run.result.status === "completed") {
      const [created] = await insertFinishedExecution({ source: source(known.versionId), actor, request, finished: { run, startedAt } });
      if (created) return { execution: summaryOf(created), finished: { id: created.id, status: created.status, output: created.output ?? null, error: created.error ?? null } };
    }
  }

  const created = await insertAndStartExecution({ source: source(null), actor, request, graphOf: (inserted) => versionGraph(inserted.versionId) });
  if (!created) return null;
  known.versionId = created.versionId; // republished since: the next call knows the new version
  return { execution: summaryOf(created), finished: null };
}

async function startWebhook({ triggerId, secret, input }: { triggerId: string; secret: string | null; input: Record<string, unknown> }) {
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
  if (!sameSecret(expected, secret)) throw new AppError("unauthorized", "Missing or wrong webhook secret: send it as X-Agentry-Secret or ?secret=.");
  if (knownSecrets.size >= MAX_KNOWN_SECRETS) knownSecrets.delete(knownSecrets.keys().next().value!);
  knownSecrets.set(trigger.id, { sealed: trigger.secret, secret: expected, versionId: trigger.versionId, nodeId: trigger.nodeId });
  if (!trigger.enabled) throw new AppError("conflict", "This webhook is disabled.");
  await rateLimit("webhook", trigger.id, { limit: getEnv().AGENTRY_WEBHOOK_RATE_LIMIT, windowMs: 60_000 });
  const target = trigger.versionId && trigger.version !== null ? { workflowId: trigger.workflowId, versionId: trigger.versionId, version: trigger.version, graph: await versionGraph(trigger.versionId) } : undefined;
  return startExecution(workspaceActor(trigger.workspaceId), { workflowId: trigger.workflowId, input, trigger: "webhook", triggerNodeId: trigger.nodeId }, { target });
}
