import { inngest } from "@/inngest/client";
import { getEnv, selectDrivers } from "@/lib/env";
import { EXECUTION_REQUESTED } from "@/lib/jobs/events";
import { getLocalWorker } from "@/lib/jobs/local/local-worker";

/** Hands a queued execution to the job driver the environment selects. */
export async function enqueueExecution(executionId: string): Promise<void> {
  if (selectDrivers(getEnv()).jobs === "inngest") {
    await inngest.send({ name: EXECUTION_REQUESTED, data: { executionId } });
    return;
  }
  getLocalWorker().kick();
}
