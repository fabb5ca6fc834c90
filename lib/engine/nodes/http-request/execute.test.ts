import { describe, expect, it } from "vitest";
import { httpRequestNode } from "@/lib/engine/nodes/http-request/execute";
import { httpRequestConfigSchema } from "@/lib/engine/nodes/http-request/schema";
import type { HttpRequest, StepRunner } from "@/lib/engine/types";

async function send(config: Record<string, unknown>, key = "node:call:iter:2"): Promise<HttpRequest> {
  const sent: HttpRequest[] = [];
  await httpRequestNode.execute({
    nodeId: "call",
    key,
    config: httpRequestConfigSchema.parse({ url: "https://api.example.test/orders", ...config }),
    inputs: {},
    services: { http: { request: async (request) => (sent.push(request), { status: 200, headers: {}, body: "{}" }) } },
    step: {} as StepRunner,
    signal: new AbortController().signal,
    emitToken: () => {},
  });
  return sent[0]!;
}

describe("the HTTP request node's idempotency key", () => {
  it("asks the port for a key derived from the step key on writes", async () => {
    const request = await send({ method: "POST", body: "{}" });
    expect(request.idempotencyKey).toBe("node:call:iter:2");
    expect(Object.keys(request.headers).map((name) => name.toLowerCase())).not.toContain("idempotency-key");
  });

  it("sends the node's own key as is, whatever the method", async () => {
    for (const method of ["POST", "GET"]) {
      const request = await send({ method, idempotencyKey: "order-42" });
      expect(request.headers["Idempotency-Key"], method).toBe("order-42");
    }
  });

  it("lets an Idempotency-Key header set on the node win", async () => {
    const request = await send({ method: "POST", headers: { "idempotency-key": "from-header" }, idempotencyKey: "from-field" });
    expect(request.headers["idempotency-key"]).toBe("from-header");
    expect(request.headers["Idempotency-Key"]).toBeUndefined();
  });
});
