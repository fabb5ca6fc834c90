// Plays Inngest's executor against the app's serve endpoint (app/api/inngest), the way Inngest
// Cloud or a self-hosted server drives a run over HTTP: POST with the event and the memoized
// steps, read 206 step operations, perform them, call again — until the function answers 200.
// Signatures are skipped with INNGEST_DEV=1. Only what our functions use is played: step.run,
// step.sleep and step.waitForEvent.
import crypto from "node:crypto";

type Handler = (request: Request, context?: unknown) => Promise<Response>;
type Event = { name: string; data: unknown; id?: string; ts?: number };
type Op = { op: string; id: string; name?: string; displayName?: string; opts?: Record<string, unknown>; data?: unknown; error?: unknown };
type Memo = { type: "data"; data: unknown } | { type: "error"; error: unknown };

export type WaitOp = { id: string; name: string; event: string; timeout: string; if?: string };

export type ExecutorOptions = {
  handler: Handler;
  /** "<app id>-<function id>", e.g. "agentry-execute-workflow". */
  fnId: string;
  event: Event;
  /**
   * A wait was registered: return the event that matches it (sent after this moment), or null
   * when it times out. Inngest never matches an event sent before the registration.
   */
  onWaitForEvent?: (wait: WaitOp) => Promise<Event | null>;
  onSleep?: (op: { id: string; name: string }) => Promise<void>;
  maxRequests?: number;
};

export type ExecutorRun = { status: number; result: unknown; ops: Op[] };

export async function playInngestExecutor({ handler, fnId, event, onWaitForEvent = async () => null, onSleep = async () => {}, maxRequests = 500 }: ExecutorOptions): Promise<ExecutorRun> {
  const runId = `run_${crypto.randomUUID()}`;
  const steps: Record<string, Memo> = {};
  const stack: string[] = [];
  const seen: Op[] = [];
  const attempts = new Map<string, number>();
  let stepId = "step";
  const memoize = (id: string, memo: Memo) => {
    steps[id] = memo;
    stack.push(id);
  };
  for (let requests = 0; requests < maxRequests; requests++) {
    const body = {
      event,
      events: [event],
      steps,
      ctx: { run_id: runId, attempt: attempts.get(stepId) ?? 0, disable_immediate_execution: false, use_api: false, stack: { stack, current: stack.length } },
    };
    const url = `http://agentry.test/api/inngest?fnId=${encodeURIComponent(fnId)}&stepId=${encodeURIComponent(stepId)}`;
    const response = await handler(new Request(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }));
    const text = await response.text();
    const answer = text ? JSON.parse(text) : null;
    if (response.status !== 206) return { status: response.status, result: answer, ops: seen };
    stepId = "step";
    for (const op of answer as Op[]) {
      seen.push(op);
      const name = op.displayName ?? op.name ?? op.id;
      switch (op.op) {
        case "StepRun":
          memoize(op.id, { type: "data", data: op.data ?? null });
          break;
        case "StepPlanned":
          stepId = op.id; // run it on the next request
          break;
        case "StepError":
          attempts.set(op.id, (attempts.get(op.id) ?? 0) + 1);
          stepId = op.id;
          break;
        case "StepFailed":
          memoize(op.id, { type: "error", error: op.error });
          break;
        case "Sleep":
          await onSleep({ id: op.id, name });
          memoize(op.id, { type: "data", data: null });
          break;
        case "WaitForEvent": {
          // The event name travels as the op's name; the step's own id as its display name.
          const opts = (op.opts ?? {}) as { timeout: string; if?: string };
          memoize(op.id, { type: "data", data: await onWaitForEvent({ id: op.id, name: op.displayName ?? op.id, event: op.name ?? "", timeout: opts.timeout, if: opts.if }) });
          break;
        }
        default:
          throw new Error(`the test executor does not play ${op.op}`);
      }
    }
  }
  throw new Error(`the run did not finish within ${maxRequests} requests`);
}
