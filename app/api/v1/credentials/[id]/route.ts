import { deleteCredential } from "@/lib/credentials/delete-credential";
import { noContent, param, route } from "@/lib/http/route";

export const DELETE = route({ auth: { role: "admin" } }, async ({ actor, params }) => {
  await deleteCredential(actor, { credentialId: param(params, "id") });
  return noContent();
});
