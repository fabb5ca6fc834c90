import { json, noContent, param, route } from "@/lib/http/route";
import { deleteMcpConnection } from "@/lib/mcp-connections/delete-mcp-connection";
import { getMcpConnection } from "@/lib/mcp-connections/get-mcp-connection";
import { updateMcpConnection } from "@/lib/mcp-connections/update-mcp-connection";
import { forceDeleteQuerySchema } from "@/lib/schemas/force-delete-query";
import { updateMcpConnectionSchema } from "@/lib/schemas/mcp-connection";

export const GET = route({ auth: { role: "viewer" } }, async ({ actor, params }) => json(await getMcpConnection(actor, { connectionId: param(params, "id") })));

// Rename, move, replace the headers (write-only).
export const PATCH = route({ auth: { role: "admin" }, body: updateMcpConnectionSchema }, async ({ actor, params, body }) => json(await updateMcpConnection(actor, { connectionId: param(params, "id"), ...body })));

// 409 while agents use it, unless ?force=true.
export const DELETE = route({ auth: { role: "admin" }, query: forceDeleteQuerySchema }, async ({ actor, params, query }) => {
  await deleteMcpConnection(actor, { connectionId: param(params, "id"), force: query.force === "true" });
  return noContent();
});
