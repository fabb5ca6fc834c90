import { deleteCredential } from "@/lib/credentials/delete-credential";
import { updateCredential } from "@/lib/credentials/update-credential";
import { json, noContent, param, route } from "@/lib/http/route";
import { updateCredentialSchema } from "@/lib/schemas/credential";
import { forceDeleteQuerySchema } from "@/lib/schemas/force-delete-query";

// Rename, rotate the secret, change the base URL.
export const PATCH = route({ auth: { role: "admin" }, body: updateCredentialSchema }, async ({ actor, params, body }) => json(await updateCredential(actor, { credentialId: param(params, "id"), ...body })));

// 409 while workflows use it, unless ?force=true.
export const DELETE = route({ auth: { role: "admin" }, query: forceDeleteQuerySchema }, async ({ actor, params, query }) => {
  await deleteCredential(actor, { credentialId: param(params, "id"), force: query.force === "true" });
  return noContent();
});
