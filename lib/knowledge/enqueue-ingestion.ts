import { inngest } from "@/inngest/client";
import { getEnv, selectDrivers } from "@/lib/env";
import { KNOWLEDGE_INGEST_REQUESTED } from "@/lib/jobs/events";
import { getLocalIngestionWorker } from "@/lib/knowledge/local-ingestion-worker";

/** Hands a queued document to the job driver the environment selects (the same one as executions). */
export async function enqueueIngestion(documentId: string): Promise<void> {
  if (selectDrivers(getEnv()).jobs === "inngest") {
    await inngest.send({ name: KNOWLEDGE_INGEST_REQUESTED, data: { documentId } });
    return;
  }
  getLocalIngestionWorker().kick();
}
