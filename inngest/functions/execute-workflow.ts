import { inngest } from "@/inngest/client";
import { inngestStepRunner } from "@/lib/jobs/inngest/inngest-step-runner";
import { EXECUTION_CANCEL_REQUESTED, EXECUTION_REQUESTED } from "@/lib/jobs/events";
import { createRedactor } from "@/lib/jobs/redactor";
import { runExecution } from "@/lib/jobs/run-execution";

/** Runs one workflow execution durably on Inngest; cancelled by the matching cancel event. */
export const executeWorkflow = inngest.createFunction(
  {
    id: "execute-workflow",
    retries: 4,
    triggers: [{ event: EXECUTION_REQUESTED }],
    cancelOn: [{ event: EXECUTION_CANCEL_REQUESTED, match: "data.executionId" }],
  },
  async ({ event, step }) => {
    const executionId = String((event.data as { executionId: string }).executionId);
    const redactor = createRedactor();
    const result = await runExecution({ executionId, step: inngestStepRunner(step as never, { executionId, redactor }), redactor });
    return result ? { status: result.status } : { status: "skipped" };
  },
);
