import { z } from "zod";

export const httpRequestConfigSchema = z.object({
  method: z.enum(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"]).default("GET"),
  url: z.string({ error: "Enter a URL" }).min(1, "Enter a URL").meta({ "x-expression": true }),
  headers: z.record(z.string().min(1, "Name the header"), z.string().meta({ "x-expression": true })).default({}),
  body: z.string().default("").meta({ "x-expression": true, "x-multiline": true }),
  timeoutMs: z.number().int().min(100).max(120_000).default(15_000),
  /** Parse a JSON response body (falls back to text when it is not JSON). */
  parseJson: z.boolean().default(true),
  /** Fail the node on 4xx/5xx answers. */
  failOnError: z.boolean().default(true),
  credentialId: z.string().optional(),
  /** Header that receives the credential, e.g. "Authorization" (sent as "Bearer <secret>"). */
  credentialHeader: z.string().default("Authorization"),
  /**
   * Sent as Idempotency-Key instead of the generated one (stable per execution, node and loop
   * iteration), with any method; e.g. "order-{{ input.orderId }}". Empty: generated.
   */
  idempotencyKey: z.string().max(255).default("").meta({ "x-expression": true }),
});
export type HttpRequestConfig = z.infer<typeof httpRequestConfigSchema>;
