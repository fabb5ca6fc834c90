import { AppError } from "@/lib/errors/app-error";
import { findUnstorableJson } from "@/lib/http/find-unstorable-json";
import { DEFAULT_MAX_BODY_BYTES, json, param, readBodyText, route } from "@/lib/http/route";
import { fireWebhook } from "@/lib/triggers/fire-webhook";

export const dynamic = "force-dynamic";

const WAIT_MS = Number(process.env.AGENTRY_WEBHOOK_WAIT_MS) || 30_000;

/**
 * Starts the workflow behind a webhook. Secret in X-Agentry-Secret or ?secret=. Input:
 * `{ method, body, query, headers }` (JSON bodies parsed). 202 `{ id, status, eventsUrl }`, or with
 * ?wait=true the outcome `{ id, status, output, error }` once the run ends (202 if it is slower).
 */
async function handle({ request, params }: { request: Request; params: Record<string, string | string[] | undefined> }) {
  const url = new URL(request.url);
  const text = request.method === "GET" ? "" : await readBodyText(request, DEFAULT_MAX_BODY_BYTES);
  let body: unknown = text;
  if (text && /json/i.test(request.headers.get("content-type") ?? "")) {
    try {
      body = JSON.parse(text);
    } catch {
      throw new AppError("bad_request", "The request body is not valid JSON.");
    }
    // The payload is data (any text is stored, as U+FFFD where it must), but not endlessly deep.
    const tooDeep = findUnstorableJson(body, "body", { jsonData: "all" });
    if (tooDeep.length > 0) throw new AppError("bad_request", "The request body is invalid.", { errors: tooDeep });
  }
  const query = Object.fromEntries([...url.searchParams].filter(([name]) => name !== "secret" && name !== "wait"));
  const headers = Object.fromEntries(["content-type", "user-agent"].flatMap((name) => (request.headers.get(name) ? [[name, request.headers.get(name)!]] : [])));
  const wait = url.searchParams.get("wait") === "true";
  const { execution, finished } = await fireWebhook({
    triggerId: param(params, "triggerId"),
    secret: request.headers.get("x-agentry-secret") ?? url.searchParams.get("secret"),
    input: { method: request.method, body, query, headers },
    waitMs: wait ? WAIT_MS : undefined,
  });
  if (finished) return json({ id: finished.id, status: finished.status, output: finished.output, error: finished.error });
  return json({ id: execution.id, status: execution.status, eventsUrl: `/api/v1/executions/${execution.id}/events` }, { status: 202 });
}

export const POST = route({ auth: "public" }, handle);
export const PUT = route({ auth: "public" }, handle);
export const GET = route({ auth: "public" }, handle);
