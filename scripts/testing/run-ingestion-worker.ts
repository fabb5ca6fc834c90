// A process that only runs the local knowledge-ingestion driver, for the crash test: it can be
// SIGKILLed mid-ingestion and another worker resumes the document.
import { getLocalIngestionWorker } from "@/lib/knowledge/local-ingestion-worker";

const worker = getLocalIngestionWorker();
worker.start();
console.log(`[ingestion-worker] ${worker.owner} ready`);
setInterval(() => {}, 1 << 30);
