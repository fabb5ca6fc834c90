import { executeWorkflow } from "@/inngest/functions/execute-workflow";

export const functions = [executeWorkflow];
