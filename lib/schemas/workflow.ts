import { z } from "zod";

/** What a failing node does: fail the run (default), continue with `{ error }` as its output, or take its "error" output only. */
export const ON_ERROR_MODES = ["stop", "continue", "branch"] as const;
export type OnErrorMode = (typeof ON_ERROR_MODES)[number];
/** The output a node with `onError: "branch"` gains, taken only when it fails. */
export const ERROR_HANDLE = "error";
/** Tries a failing node gets inside its step before `onError` applies (n8n's "Retry on fail"). */
export const NodeRetrySchema = z.object({
  maxTries: z.number().int().min(1).max(5),
  waitMs: z.number().int().min(0).max(5000).default(1000),
});

/** React Flow's own graph shape, so the canvas, import/export and the engine agree. */
export const WorkflowNodeSchema = z.object({
  id: z.string().min(1),
  type: z.string().min(1),
  position: z.object({ x: z.number(), y: z.number() }),
  data: z
    .object({
      label: z.string().optional(),
      config: z.record(z.string(), z.unknown()).optional(),
      onError: z.enum(ON_ERROR_MODES).optional(),
      retry: NodeRetrySchema.optional(),
    })
    .passthrough(),
});

export const WorkflowEdgeSchema = z.object({
  id: z.string().min(1),
  source: z.string().min(1),
  target: z.string().min(1),
  sourceHandle: z.string().nullish(),
  targetHandle: z.string().nullish(),
});

export const WorkflowGraphSchema = z.object({
  nodes: z.array(WorkflowNodeSchema).max(5000),
  edges: z.array(WorkflowEdgeSchema).max(20000),
});
export type WorkflowGraph = z.infer<typeof WorkflowGraphSchema>;

const WorkflowNameSchema = z.string().trim().min(1, "Name the workflow.").max(120);

export const createWorkflowSchema = z.object({
  name: WorkflowNameSchema,
  description: z.string().max(2000).default(""),
  graph: WorkflowGraphSchema.default({ nodes: [], edges: [] }),
});

export const updateWorkflowSchema = z
  .object({
    name: WorkflowNameSchema,
    description: z.string().max(2000),
    graph: WorkflowGraphSchema,
    /** The draftRevision this edit was made on; a newer saved revision answers 409 instead of overwriting it. */
    baseRevision: z.number().int().min(0),
  })
  .partial()
  .refine((value) => value.name !== undefined || value.description !== undefined || value.graph !== undefined, "Send at least one of name, description, graph.");

export const listQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().min(1).optional(),
});
