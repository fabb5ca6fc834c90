/** Event names shared by the API (senders) and the Inngest functions (triggers). */
export const EXECUTION_REQUESTED = "workflow/execution.requested";
export const EXECUTION_CANCEL_REQUESTED = "workflow/execution.cancel-requested";
export { APPROVAL_EVENT } from "@/lib/engine/nodes/approval/schema";
export const KNOWLEDGE_INGEST_REQUESTED = "knowledge/document.ingest-requested";
