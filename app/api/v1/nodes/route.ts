import { nodeCatalog } from "@/lib/engine/node-catalog";
import { json, route } from "@/lib/http/route";

export const GET = route({ auth: { role: "viewer" } }, async () => json({ items: nodeCatalog() }));
