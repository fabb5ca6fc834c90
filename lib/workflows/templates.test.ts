import { describe, expect, it } from "vitest";
import { validateGraph } from "@/lib/engine/validate-graph";
import { WorkflowGraphSchema } from "@/lib/schemas/workflow";
import { WORKFLOW_TEMPLATES } from "@/lib/workflows/templates";

describe("workflow templates", () => {
  it("offers at least four, each a valid graph that can be published", () => {
    expect(WORKFLOW_TEMPLATES.length).toBeGreaterThanOrEqual(4);
    for (const template of WORKFLOW_TEMPLATES) {
      expect(WorkflowGraphSchema.safeParse(template.graph).success, template.id).toBe(true);
      expect(validateGraph(template.graph), template.id).toEqual([]);
    }
  });
});
