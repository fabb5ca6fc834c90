import { z } from "zod";
import { assertExecutionAccess } from "@/lib/executions/assert-execution-access";
import { AppError } from "@/lib/errors/app-error";
import { param, route } from "@/lib/http/route";
import { streamExecutionEvents } from "@/lib/stream/stream-execution-events";

export const dynamic = "force-dynamic";

const eventsQuerySchema = z.object({ after: z.coerce.number().int().min(0).optional() });

/** text/event-stream of an execution's events; resumes after Last-Event-ID or ?after=. */
export const GET = route({ auth: { role: "viewer" }, query: eventsQuerySchema }, async ({ actor, params, query, request }) => {
  const executionId = param(params, "id");
  await assertExecutionAccess(actor, executionId);
  const lastEventId = request.headers.get("last-event-id");
  if (lastEventId !== null && !/^\d+$/.test(lastEventId.trim())) throw new AppError("bad_request", "Last-Event-ID must be an event sequence number.");
  const afterSeq = lastEventId !== null ? Number(lastEventId) : (query.after ?? 0);
  return new Response(streamExecutionEvents({ executionId, afterSeq, signal: request.signal }), {
    headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache, no-transform", connection: "keep-alive", "x-accel-buffering": "no" },
  });
});
