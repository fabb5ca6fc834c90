import { inngest } from "@/inngest/client";
import { KNOWLEDGE_INGEST_REQUESTED } from "@/lib/jobs/events";
import { ingestKnowledgeDocument } from "@/lib/knowledge/ingest-knowledge-document";

/**
 * Knowledge ingestion on Inngest: parsing and each embedding batch are steps (memoized), and the
 * document's rows carry the rest, so a retried or replayed run resumes where it stopped.
 * Retryable failures put the document back in the queue; here that is a thrown error Inngest retries.
 */
export const ingestKnowledgeDocumentFunction = inngest.createFunction(
  { id: "ingest-knowledge-document", retries: 4, triggers: [{ event: KNOWLEDGE_INGEST_REQUESTED }], concurrency: { limit: 4 } },
  async ({ event, step }) => {
    const documentId = String((event.data as { documentId: string }).documentId);
    const outcome = await ingestKnowledgeDocument({ documentId, steps: { run: (key, fn) => step.run(key, fn) as never } });
    if (outcome.status === "retry") throw new Error(outcome.error ?? "retrying");
    return outcome;
  },
);
