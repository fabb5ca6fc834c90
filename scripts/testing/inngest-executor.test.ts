import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { canonicalJson, durationMs, matchesExpression, signInngestRequest } from "@/scripts/testing/inngest-executor";

describe("the Inngest executor player's protocol helpers", () => {
  it("writes canonical JSON: keys sorted at every level, undefined dropped", () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: true, y: null }], c: "x" }, u: undefined })).toBe('{"a":{"c":"x","d":[1,{"y":null,"z":true}]},"b":1}');
  });

  it("signs the canonical body plus the timestamp with the key without its signkey prefix", () => {
    const at = new Date(1_700_000_000_000);
    const header = signInngestRequest('{"b":2,"a":1}', "signkey-prod-abc123", at);
    const expected = crypto.createHmac("sha256", "abc123").update('{"a":1,"b":2}1700000000').digest("hex");
    expect(header).toBe(`t=1700000000&s=${expected}`);
  });

  it("reads Inngest durations", () => {
    expect(durationMs("15s")).toBe(15_000);
    expect(durationMs("1h30m")).toBe(5_400_000);
    expect(durationMs("2d")).toBe(172_800_000);
  });

  it("evaluates the `if` expressions our functions write", () => {
    const event = { name: "workflow/execution.requested", data: { executionId: "e1" } };
    const decided = { name: "workflow/approval.decided", data: { executionId: "e1", nodeId: "review" } };
    expect(matchesExpression('async.data.executionId == "e1" && async.data.nodeId == "review"', { event, async: decided })).toBe(true);
    expect(matchesExpression('async.data.executionId == "e1" && async.data.nodeId == "other"', { event, async: decided })).toBe(false);
    expect(matchesExpression("event.data.executionId == async.data.executionId", { event, async: decided })).toBe(true);
    expect(() => matchesExpression("async.data.n > 1", { event, async: decided })).toThrow(/cannot evaluate/);
  });
});
