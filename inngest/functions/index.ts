import { executeWorkflow } from "@/inngest/functions/execute-workflow";
import { fireSchedules } from "@/inngest/functions/fire-schedules";

export const functions = [executeWorkflow, fireSchedules];
