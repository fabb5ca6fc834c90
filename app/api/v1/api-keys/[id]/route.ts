import { revokeApiKey } from "@/lib/api-keys/revoke-api-key";
import { noContent, param, route } from "@/lib/http/route";

export const DELETE = route({ auth: { role: "admin" } }, async ({ actor, params }) => {
  await revokeApiKey(actor, { apiKeyId: param(params, "id") });
  return noContent();
});
