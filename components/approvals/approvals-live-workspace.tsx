"use client";

import { useEffect } from "react";
import { setApprovalsWorkspace } from "@/components/approvals/approvals-live";

/** Keys the tab's approvals stream by the active workspace the layout rendered (renders nothing). */
export function ApprovalsLiveWorkspace({ workspaceId }: { workspaceId: string }) {
  useEffect(() => setApprovalsWorkspace(workspaceId), [workspaceId]);
  return null;
}
