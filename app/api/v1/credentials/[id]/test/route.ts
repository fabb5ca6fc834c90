import { testCredential } from "@/lib/credentials/test-credential";
import { json, param, route } from "@/lib/http/route";

// One cheap call to the provider through the outbound policy; a refused key is a 200 with ok: false.
export const POST = route({ auth: { role: "admin" } }, async ({ actor, params }) => json(await testCredential(actor, { credentialId: param(params, "id") })));
