"use client";

import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { useApiAction } from "@/components/ui/use-api-action";
import { hasEnded } from "@/lib/schemas/execution";
import { apiRequest } from "@/lib/ui/api-request";

export function ExecutionActions({ executionId, status, canRun }: { executionId: string; status: string; canRun: boolean }) {
  const [run, pending] = useApiAction();
  const router = useRouter();
  if (!canRun) return null;
  const active = !hasEnded(status);
  return active ? (
    <Button variant="secondary" disabled={pending} onClick={() => run(() => apiRequest("POST", `/api/v1/executions/${executionId}/cancel`), "Cancelling")}>
      Cancel
    </Button>
  ) : (
    <Button
      disabled={pending}
      onClick={() =>
        run(async () => {
          const retried = await apiRequest<{ id: string }>("POST", `/api/v1/executions/${executionId}/retry`);
          router.push(`/executions/${retried.id}`);
        }, "Started again")
      }
    >
      Retry
    </Button>
  );
}
