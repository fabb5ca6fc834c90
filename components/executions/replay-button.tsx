"use client";

import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { useApiAction } from "@/components/ui/use-api-action";
import { apiRequest } from "@/lib/ui/api-request";

/**
 * "Replay from here": a new execution of the current draft in which the nodes before `nodeId`
 * reuse this execution's recorded outputs; opens the new execution, which follows itself live.
 */
export function ReplayButton({ executionId, nodeId, className }: { executionId: string; nodeId: string; className?: string }) {
  const [run, pending] = useApiAction();
  const router = useRouter();
  return (
    <Button
      variant="secondary"
      size="sm"
      className={className}
      disabled={pending}
      aria-label={`Replay from ${nodeId}`}
      onClick={() =>
        run(async () => {
          const replayed = await apiRequest<{ id: string }>("POST", `/api/v1/executions/${executionId}/replay`, { fromNodeId: nodeId });
          router.push(`/executions/${replayed.id}`);
        }, "Replaying")
      }
    >
      Replay from here
    </Button>
  );
}
