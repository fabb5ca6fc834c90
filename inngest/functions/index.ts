import { executeWorkflow } from "@/inngest/functions/execute-workflow";
import { fireSchedules } from "@/inngest/functions/fire-schedules";
import { ingestKnowledgeDocumentFunction } from "@/inngest/functions/ingest-knowledge-document";

export const functions = [executeWorkflow, fireSchedules, ingestKnowledgeDocumentFunction];
