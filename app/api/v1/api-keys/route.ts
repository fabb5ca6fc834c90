import { createApiKey } from "@/lib/api-keys/create-api-key";
import { listApiKeys } from "@/lib/api-keys/list-api-keys";
import { json, route } from "@/lib/http/route";
import { createApiKeySchema } from "@/lib/schemas/workspace";

export const GET = route({ auth: { role: "admin" } }, async ({ actor }) => json({ items: await listApiKeys(actor) }));

export const POST = route({ auth: { role: "admin" }, body: createApiKeySchema }, async ({ actor, body }) => {
  const { apiKey, key } = await createApiKey(actor, body);
  return json({ ...apiKey, key }, { status: 201 });
});
