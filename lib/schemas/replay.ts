import { z } from "zod";
import { BudgetSchema } from "@/lib/schemas/execution";

// "Test one node" and "Replay from a node" (docs/engine.md, "Test and replay").

export const testWorkflowNodeSchema = z.object({
  executionId: z.string().min(1).max(200).optional().meta({ description: "The execution whose recorded node outputs feed the node (default: the workflow's latest)" }),
  inputs: z.record(z.string(), z.unknown()).optional().meta({ description: "Pinned outputs of upstream nodes by node id; they win over recorded ones" }),
  input: z.record(z.string(), z.unknown()).optional().meta({ description: "The run input ({{ input }}); default: the execution's" }),
  budget: BudgetSchema.optional(),
});

const UsageSchema = z.object({ inputTokens: z.number().int(), outputTokens: z.number().int(), costUsd: z.number() });

export const NodeTestResultSchema = z
  .object({
    nodeId: z.string(),
    status: z.enum(["completed", "failed"]),
    output: z.unknown(),
    error: z.string().nullable(),
    branches: z.array(z.string()).nullable(),
    usage: UsageSchema,
    durationMs: z.number().int(),
    input: z.unknown().meta({ description: "The resolved config and upstream outputs the node ran with" }),
    pinned: z.object({
      executionId: z.string().nullable().meta({ description: "The execution the upstream outputs came from" }),
      nodeIds: z.array(z.string()).meta({ description: "Upstream nodes whose output the node could see" }),
      missing: z.array(z.string()).meta({ description: "Upstream nodes with neither a recorded nor a pinned output" }),
    }),
  })
  .meta({ id: "NodeTestResult" });

export const replayExecutionSchema = z.object({
  fromNodeId: z.string().min(1).max(200).meta({ description: "The node to run again, with everything after it; earlier nodes' recorded outputs are reused" }),
});

export const ReplayAcceptedSchema = z
  .object({ id: z.string(), status: z.string(), eventsUrl: z.string(), replayOf: z.string(), fromNodeId: z.string(), version: z.number().int(), reusedNodeIds: z.array(z.string()) })
  .meta({ id: "ReplayAccepted" });
