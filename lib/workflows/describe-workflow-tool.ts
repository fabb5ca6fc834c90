import { getDb } from "@/lib/db";
import { manualTriggerConfigSchema } from "@/lib/engine/nodes/manual-trigger/schema";
import { NodeExecutionError, type JsonSchema, type WorkflowToolInfo } from "@/lib/engine/types";
import { WorkflowGraphSchema } from "@/lib/schemas/workflow";

const FIELD_TYPES: Record<string, JsonSchema> = { string: { type: "string" }, number: { type: "number" }, boolean: { type: "boolean" }, json: {} };

/**
 * A workflow of the workspace as an agent tool: named after the workflow, described by its
 * description, its input the fields of its active version's manual trigger (free-form without).
 */
export async function describeWorkflowTool({ workspaceId, workflowId }: { workspaceId: string; workflowId: string }): Promise<WorkflowToolInfo> {
  const workflow = await getDb().workflow.findFirst({ where: { id: workflowId, workspaceId }, select: { id: true, name: true, description: true, activeVersion: true } });
  if (!workflow) throw new NodeExecutionError(`The workflow "${workflowId}" used as a tool does not exist in this workspace.`);
  if (!workflow.activeVersion) throw new NodeExecutionError(`Publish the workflow "${workflow.name}" before an agent uses it as a tool.`);
  const version = await getDb().workflowVersion.findUniqueOrThrow({ where: { workflowId_version: { workflowId: workflow.id, version: workflow.activeVersion } }, select: { graph: true } });
  const trigger = WorkflowGraphSchema.parse(version.graph).nodes.find((node) => node.type === "trigger.manual");
  const fields = trigger ? manualTriggerConfigSchema.parse(trigger.data.config ?? {}).fields : [];
  const inputSchema: JsonSchema = fields.length
    ? { type: "object", properties: Object.fromEntries(fields.map((field) => [field.name, FIELD_TYPES[field.type] ?? {}])), required: fields.filter((field) => field.required).map((field) => field.name) }
    : { type: "object", additionalProperties: true };
  const name = workflow.name.toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_+|_+$/g, "").slice(0, 64) || "workflow";
  return { name, description: workflow.description || `Runs the workflow "${workflow.name}" and returns its output.`, inputSchema };
}
