"use client";

import { usePathname } from "next/navigation";
import { useEffect, useState } from "react";

/** How many approvals wait in the workspace — refreshed every few seconds and on navigation. */
export function ApprovalsBadge({ intervalMs = 5000 }: { intervalMs?: number }) {
  const [count, setCount] = useState(0);
  const pathname = usePathname();
  useEffect(() => {
    let stopped = false;
    const load = async () => {
      try {
        const response = await fetch("/api/v1/approvals", { cache: "no-store" });
        if (response.ok && !stopped) setCount(((await response.json()) as { count: number }).count);
      } catch {
        // Offline or restarting: keep the last count.
      }
    };
    void load();
    const timer = setInterval(load, intervalMs);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [intervalMs, pathname]);
  if (!count) return null;
  return (
    <span className="ml-auto rounded-full bg-amber-500 px-1.5 text-xs font-semibold text-white" data-testid="approvals-count" aria-label={`${count} waiting`}>
      {count}
    </span>
  );
}
