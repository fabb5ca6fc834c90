import { describe, expect, it } from "vitest";
import { approvalConfigSchema, approvalRecipients } from "@/lib/engine/nodes/approval/schema";

describe("approval node config", () => {
  it("asks nobody by default, and reads member emails separated by commas, semicolons or spaces", () => {
    expect(approvalConfigSchema.parse({})).toMatchObject({ notifyMembers: "", notifyRole: "none" });
    expect(approvalRecipients({ notifyMembers: " Ana@Example.test, bo@example.test;ana@example.test  cy@example.test " })).toEqual(["ana@example.test", "bo@example.test", "cy@example.test"]);
  });
});
