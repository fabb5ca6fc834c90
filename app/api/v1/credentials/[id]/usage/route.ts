import { getCredentialUsage } from "@/lib/credentials/get-credential-usage";
import { json, param, route } from "@/lib/http/route";

export const GET = route({ auth: { role: "admin" } }, async ({ actor, params }) => {
  const { usage, knowledgeBases } = await getCredentialUsage(actor, { credentialId: param(params, "id") });
  return json({ items: usage, knowledgeBases });
});
