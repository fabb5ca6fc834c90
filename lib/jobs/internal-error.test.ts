import { describe, expect, it, vi } from "vitest";
import { ExpressionError } from "@/lib/engine/expressions";
import { runWorkflow } from "@/lib/engine/run-workflow";
import { InMemoryStepRunner } from "@/lib/engine/in-memory-step-runner";
import { NodeExecutionError, type EngineEvent } from "@/lib/engine/types";
import { AppError } from "@/lib/errors/app-error";
import { InternalRunError, toUserFacingError, userFacingMessage } from "@/lib/jobs/internal-error";
import { gedge, ggraph, gnode } from "@/scripts/testing/workflow-fixtures";

describe("toUserFacingError", () => {
  it("passes errors written for users through unchanged", () => {
    for (const error of [new NodeExecutionError("GET x answered 404."), new ExpressionError('Cannot read "a..b".'), new AppError("not_found", "Workflow not found.")]) {
      expect(toUserFacingError(error)).toBe(error);
    }
  });

  it("turns anything else into a short, retryable message with an error id, logging the original under that id", () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const original = new Error("Invalid `prisma.executionEvent.create()` invocation: bind message supplies 7 parameters");
    const error = toUserFacingError(original, { executionId: "exec_1", key: "node:a" });
    expect(error).toBeInstanceOf(InternalRunError);
    expect((error as InternalRunError).retryable).toBe(true);
    expect(error.message).toMatch(/^Internal error \(error id [0-9a-f-]{36}\)\. The details are in the server log\.$/);
    expect(error.message).not.toMatch(/prisma/);
    const { errorId } = error as InternalRunError;
    expect(log).toHaveBeenCalledWith(`[agentry] internal error ${errorId} (execution exec_1, step node:a):`, original);
    // Already made safe: passed through, not logged again.
    expect(userFacingMessage(error)).toBe(error.message);
    expect(log).toHaveBeenCalledTimes(1);
    log.mockRestore();
  });
});

describe("runWorkflow's describeError", () => {
  it("decides what users see of errors that are not the engine's or a node's own", async () => {
    const events: EngineEvent[] = [];
    const graph = ggraph([gnode("start", "trigger.manual"), gnode("call", "integration.http", { url: "https://api.example.test" })], [gedge("start", "call")]);
    const services = { http: { request: async () => Promise.reject(new TypeError("Cannot read properties of undefined (reading 'pool')")) } };
    const result = await runWorkflow({ graph, input: {}, step: new InMemoryStepRunner(), sink: { emit: (event) => void events.push(event) }, services, describeError: () => "Internal error (error id x)." });
    expect(result).toMatchObject({ status: "failed", error: '"call" failed: Internal error (error id x).', failedNodeId: "call" });
    expect(events.find((event) => event.type === "node.failed")).toMatchObject({ error: "Internal error (error id x)." });
    // Without it (tests, the pure engine) the message is shown.
    const plain = await runWorkflow({ graph, input: {}, step: new InMemoryStepRunner(), sink: { emit: () => {} }, services });
    expect(plain.error).toBe("\"call\" failed: Cannot read properties of undefined (reading 'pool')");
  });
});

describe("the Inngest step runner", () => {
  it("hands a failed step's message back as written for users (it was made safe inside the step)", async () => {
    const { StepError } = await import("inngest");
    const { inngestStepRunner } = await import("@/lib/jobs/inngest/inngest-step-runner");
    const { createRedactor } = await import("@/lib/jobs/redactor");
    const failed = new StepError("node:a", { name: "NonRetriableError", message: "GET x answered 404." });
    const step = { run: async () => Promise.reject(failed), sleep: async () => {}, waitForEvent: async () => null };
    const error = await inngestStepRunner(step, { executionId: "e", redactor: createRedactor() }).run("node:a", async () => null).catch((caught: unknown) => caught);
    expect(toUserFacingError(error)).toBe(error);
    expect((error as Error).message).toBe("GET x answered 404.");
  });
});
