import { getCredentialUsage } from "@/lib/credentials/get-credential-usage";
import { json, param, route } from "@/lib/http/route";

export const GET = route({ auth: { role: "admin" } }, async ({ actor, params }) => json({ items: (await getCredentialUsage(actor, { credentialId: param(params, "id") })).usage }));
