import { json, route } from "@/lib/http/route";
import { buildOpenApiDocument } from "@/lib/openapi/build-openapi-document";

export const GET = route({ auth: "public" }, async () => json(buildOpenApiDocument(), { headers: { "cache-control": "public, max-age=300" } }));
