import { createCredential } from "@/lib/credentials/create-credential";
import { listCredentials } from "@/lib/credentials/list-credentials";
import { json, route } from "@/lib/http/route";
import { createCredentialSchema } from "@/lib/schemas/credential";

// Editors list credentials to pick them in nodes (admins also see base URL, last use, usage);
// only admins create, change or delete them.
export const GET = route({ auth: { role: "viewer" } }, async ({ actor }) => json({ items: await listCredentials(actor) }));

export const POST = route({ auth: { role: "admin" }, body: createCredentialSchema }, async ({ actor, body }) => json(await createCredential(actor, body), { status: 201 }));
