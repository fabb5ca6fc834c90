"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { subscribeApprovals } from "@/components/approvals/approvals-live";

/**
 * Re-renders the server page when the workspace's approvals change: the stream's version differs
 * from the one the page was rendered with (`version`, of the whole workspace's list). Each new
 * version refreshes once; the fallback poll (no version) refreshes every time it answers.
 */
export function ApprovalsLiveRefresh({ version }: { version: string }) {
  const router = useRouter();
  const rendered = useRef(version);
  const refreshedFor = useRef<string | null>(null);
  useEffect(() => {
    rendered.current = version;
  }, [version]);
  useEffect(
    () =>
      subscribeApprovals((state) => {
        if (state.version === null) return router.refresh();
        if (state.version === rendered.current || state.version === refreshedFor.current) return;
        refreshedFor.current = state.version;
        router.refresh();
      }),
    [router],
  );
  return null;
}
