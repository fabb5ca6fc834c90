import { checkReadiness } from "@/lib/health/check-readiness";
import { json, route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = route({ auth: "public" }, async () => {
  const readiness = await checkReadiness();
  return json(readiness, { status: readiness.status === "ok" ? 200 : 503 });
});
