import { json, route } from "@/lib/http/route";
import { createMcpConnection } from "@/lib/mcp-connections/create-mcp-connection";
import { listMcpConnections } from "@/lib/mcp-connections/list-mcp-connections";
import { createMcpConnectionSchema } from "@/lib/schemas/mcp-connection";

// Everyone lists them (editors pick connections and tools in agents); only admins add, change,
// test or delete them. Header values and tokens are write-only.
export const GET = route({ auth: { role: "viewer" } }, async ({ actor }) => json({ items: await listMcpConnections(actor) }));

export const POST = route({ auth: { role: "admin" }, body: createMcpConnectionSchema }, async ({ actor, body }) => json(await createMcpConnection(actor, body), { status: 201 }));
