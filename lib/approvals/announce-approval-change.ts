import { getExecutionNotifier } from "@/lib/stream/execution-notifier";

/**
 * Tells live approval feeds (lib/stream/workspace-feed.ts), in this process and others, that an
 * approval of this execution started waiting or was decided. A notice without a sequence number:
 * execution streams read nothing new from it, the workspace feed re-reads that workspace's list.
 */
export async function announceApprovalChange(executionId: string): Promise<void> {
  await getExecutionNotifier().publish(executionId);
}
