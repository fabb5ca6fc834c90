import { json, noContent, param, route } from "@/lib/http/route";
import { deleteMcpConnection } from "@/lib/mcp-connections/delete-mcp-connection";
import { getMcpConnection } from "@/lib/mcp-connections/get-mcp-connection";
import { updateMcpConnection } from "@/lib/mcp-connections/update-mcp-connection";
import { updateMcpConnectionSchema } from "@/lib/schemas/mcp-connection";

export const GET = route({ auth: { role: "viewer" } }, async ({ actor, params }) => json(await getMcpConnection(actor, { connectionId: param(params, "id") })));

// Rename, move, replace the headers (write-only).
export const PATCH = route({ auth: { role: "admin" }, body: updateMcpConnectionSchema }, async ({ actor, params, body }) => json(await updateMcpConnection(actor, { connectionId: param(params, "id"), ...body })));

export const DELETE = route({ auth: { role: "admin" } }, async ({ actor, params }) => {
  await deleteMcpConnection(actor, { connectionId: param(params, "id") });
  return noContent();
});
