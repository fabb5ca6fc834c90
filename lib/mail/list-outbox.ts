import { getDb } from "@/lib/db";

/** The newest emails captured by the dev outbox. */
export async function listOutbox({ limit = 50 }: { limit?: number } = {}) {
  return getDb().outboxEmail.findMany({ orderBy: { createdAt: "desc" }, take: limit });
}
