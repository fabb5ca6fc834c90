import { describe, expect, it } from "vitest";
import { isFullBleedRoute } from "@/components/shell/navigation";

describe("isFullBleedRoute", () => {
  it("is the workflow editor only", () => {
    expect(isFullBleedRoute("/workflows/abc123")).toBe(true);
    expect(isFullBleedRoute("/workflows/abc123/")).toBe(true);
    expect(isFullBleedRoute("/workflows")).toBe(false);
    expect(isFullBleedRoute("/workflows/abc123/versions")).toBe(false);
    expect(isFullBleedRoute("/executions/abc123")).toBe(false);
  });
});
