import { json, param, route } from "@/lib/http/route";
import { testMcpConnection } from "@/lib/mcp-connections/test-mcp-connection";

// Connects through the outbound policy and lists the server's tools; a refused token is 200, ok: false.
export const POST = route({ auth: { role: "admin" } }, async ({ actor, params }) => json(await testMcpConnection(actor, { connectionId: param(params, "id") })));
