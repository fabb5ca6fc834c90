import { route } from "@/lib/http/route";
import { streamWorkspaceApprovals } from "@/lib/stream/stream-workspace-approvals";

export const dynamic = "force-dynamic";

/** text/event-stream of the caller's workspace's waiting approvals: `{ count, version }` on connect and on every change. */
export const GET = route({ auth: { role: "viewer" } }, async ({ actor, request }) => {
  return new Response(streamWorkspaceApprovals({ workspaceId: actor.workspaceId, signal: request.signal }), {
    headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache, no-transform", connection: "keep-alive", "x-accel-buffering": "no" },
  });
});
