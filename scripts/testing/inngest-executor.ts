// Plays Inngest's executor (Inngest Cloud or a self-hosted server) against the app's serve
// endpoint (app/api/inngest), the way it drives runs over HTTP — for tests, with no Inngest server:
// - syncs in band (signed PUT) to learn the functions: triggers, retries, cancelOn;
// - takes the events the app sends (an event API on a loopback port: INNGEST_BASE_URL), starts
//   the functions they trigger, cancels runs whose cancelOn matches, answers registered waits;
// - runs each function by calling it again and again with its memoized steps (POST
//   ?fnId=…&stepId=…, body { event, events, steps, ctx }) and performing the operations it answers
//   with 206: StepRun (memoize), StepPlanned (run each planned step in its own request — parallel
//   ones concurrently, with disable_immediate_execution), StepError (call the step again with
//   attempt + 1), StepFailed (memoize the error), Sleep (resolved at once or by a hook),
//   WaitForEvent (an event sent after the registration whose `if` matches, else null at the
//   timeout), InvokeFunction (the invoked function runs as its own run through this player; its
//   result or error is the step's) — until 200 (the return value) or a final error;
// - signs every request with the signing key (X-Inngest-Signature: HMAC-SHA256 of the canonical
//   JSON body + timestamp, the key without its `signkey-<env>-` prefix, as inngest 4's SDK checks it)
//   and checks the signature of every answer.
// Measured protocol facts: /work/shared/notes/offline-stack.md and node_modules/inngest
// (components/InngestCommHandler.js, components/execution/engine.js, helpers/net.js).
import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

export type InngestEvent = { name: string; data: Record<string, unknown>; id?: string; ts?: number };
export type Op = { op: string; id: string; name?: string; displayName?: string; opts?: Record<string, unknown>; data?: unknown; error?: unknown };
type Memo = { type: "data"; data: unknown } | { type: "error"; error: unknown };

export type WaitOp = { id: string; name: string; event: string; timeout: string; if?: string };
export type FunctionConfig = { id: string; events: string[]; maxAttempts: number; cancel: { event: string; if?: string }[] };
export type RunStatus = "running" | "completed" | "failed" | "cancelled";

/** One request the player made and what it got back (for assertions on the protocol). */
export type RequestLog = { stepId: string; attempt: number; status: number; ops: { op: string; name: string }[] };

export type Run = {
  id: string;
  fnId: string;
  event: InngestEvent;
  status: RunStatus;
  result?: unknown;
  error?: unknown;
  ops: Op[];
  requests: RequestLog[];
  /** Runs this run invoked (step.invoke), in order. */
  invoked: Run[];
  done: Promise<Run>;
};

/** One exchange with the serve endpoint; `fetchTransport` (real HTTP) or `handlerTransport` (in process). */
export type Transport = (request: { method: "POST" | "PUT"; query: Record<string, string>; headers: Record<string, string>; body: string }) => Promise<{ status: number; headers: Headers; text: string }>;

export type PlayerOptions = {
  transport: Transport;
  /** Signs requests and checks answers; unset: unsigned requests (INNGEST_DEV=1 on the app). */
  signingKey?: string;
  /** Known functions; `sync()` fills them from the app. Unknown ids get 5 attempts (retries: 4). */
  functions?: FunctionConfig[];
  /** A wait was registered: return an event to answer it, null for "timed out", undefined to wait for a matching sent event. */
  onWaitForEvent?: (wait: WaitOp, run: Run) => Promise<InngestEvent | null | undefined>;
  /** Sleeps resolve at once unless this hook takes its time. */
  onSleep?: (op: { id: string; name: string; duration: string }, run: Run) => Promise<void>;
  /** The longest a wait with no matching event lasts in real time (its own timeout if shorter). */
  maxWaitMs?: number;
  maxRequestsPerRun?: number;
};

// RFC 8785-style canonical JSON, as the `canonicalize` package the SDK signs with: sorted keys.
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (typeof (value as { toJSON?: unknown }).toJSON === "function") return canonicalJson((value as { toJSON(): unknown }).toJSON());
  if (Array.isArray(value)) return `[${value.map((item) => (item === undefined || typeof item === "function" ? "null" : canonicalJson(item))).join(",")}]`;
  const entries = Object.keys(value)
    .sort()
    .filter((key) => (value as Record<string, unknown>)[key] !== undefined && typeof (value as Record<string, unknown>)[key] !== "function")
    .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
  return `{${entries.join(",")}}`;
}

const hmac = (signingKey: string, data: string, ts: string) =>
  crypto
    .createHmac("sha256", signingKey.replace(/^signkey-\w+-/, ""))
    .update(data + ts)
    .digest("hex");

/** The X-Inngest-Signature header for a request body (`t=<unix seconds>&s=<hex>`). */
export function signInngestRequest(body: string, signingKey: string, at = new Date()): string {
  const ts = String(Math.round(at.getTime() / 1000));
  return `t=${ts}&s=${hmac(signingKey, canonicalJson(JSON.parse(body)), ts)}`;
}

/** Answers are signed over their raw text. */
function checkAnswerSignature(header: string | null, text: string, signingKey: string) {
  const params = new URLSearchParams(header ?? "");
  const ts = params.get("t");
  if (!ts || params.get("s") !== hmac(signingKey, text, ts)) throw new Error(`the serve endpoint's answer is not signed with the signing key (X-Inngest-Signature: ${header})`);
}

/** Real HTTP to the serve endpoint, e.g. `http://127.0.0.1:3000/api/inngest`. */
export function fetchTransport(url: string): Transport {
  return async ({ method, query, headers, body }) => {
    const target = new URL(url);
    for (const [key, value] of Object.entries(query)) target.searchParams.set(key, value);
    const response = await fetch(target, { method, headers, body });
    return { status: response.status, headers: response.headers, text: await response.text() };
  };
}

/** The route handler called in this process (no HTTP). */
export function handlerTransport(handler: (request: Request) => Promise<Response>, url = "http://agentry.test/api/inngest"): Transport {
  return async ({ method, query, headers, body }) => {
    const target = new URL(url);
    for (const [key, value] of Object.entries(query)) target.searchParams.set(key, value);
    const response = await handler(new Request(target, { method, headers, body }));
    return { status: response.status, headers: response.headers, text: await response.text() };
  };
}

/** "15s", "1m30s", "2h", "1d" → milliseconds. */
export function durationMs(text: string): number {
  let total = 0;
  for (const [, amount, unit] of text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/g)) total += Number(amount) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 }[unit as "s"];
  return total;
}

/**
 * Inngest's `if` expressions as our functions write them: `a == b` terms joined by `&&`, each
 * side a path into `event` (the run's trigger) or `async` (the candidate event), or a JSON literal.
 */
export function matchesExpression(expression: string | undefined, scope: { event: InngestEvent; async: InngestEvent }): boolean {
  if (!expression) return true;
  const operand = (text: string): unknown => {
    const trimmed = text.trim();
    if (/^(event|async)(\.\w+)+$/.test(trimmed)) {
      const [root, ...path] = trimmed.split(".");
      return path.reduce<unknown>((value, key) => (value && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined), scope[root as "event" | "async"]);
    }
    try {
      return JSON.parse(trimmed);
    } catch {
      throw new Error(`the test executor cannot evaluate "${trimmed}" in "${expression}"`);
    }
  };
  return expression.split("&&").every((term) => {
    const [left, right, ...rest] = term.split("==");
    if (left === undefined || right === undefined || rest.length) throw new Error(`the test executor cannot evaluate "${term}"`);
    return operand(left) === operand(right);
  });
}

export const INVOKED_EVENT = "inngest/function.invoked";

class RunCancelled extends Error {}

export class InngestPlayer {
  readonly functions = new Map<string, FunctionConfig>();
  readonly runs: Run[] = [];
  /** Every event sent (the app's through the event API, and the player's own). */
  readonly sent: InngestEvent[] = [];
  private readonly waits = new Set<{ run: Run; op: WaitOp; resolve: (event: InngestEvent) => void }>();
  private readonly aborts = new Map<Run, AbortController>();

  constructor(private readonly options: PlayerOptions) {
    for (const fn of options.functions ?? []) this.functions.set(fn.id, fn);
  }

  /** In-band sync (PUT with `x-inngest-sync-kind: in_band`): the app lists its functions. */
  async sync(appUrl = "http://agentry.test/api/inngest"): Promise<FunctionConfig[]> {
    const answer = await this.request("PUT", {}, { url: appUrl }, { "x-inngest-sync-kind": "in_band" });
    if (answer.status !== 200) throw new Error(`in-band sync answered ${answer.status}: ${answer.text}`);
    type Registered = { id: string; triggers?: { event?: string }[]; steps?: Record<string, { retries?: { attempts?: number } }>; cancel?: { event: string; if?: string }[] };
    const { functions } = JSON.parse(answer.text) as { functions: Registered[] };
    for (const fn of functions) {
      const retries = Object.values(fn.steps ?? {})[0]?.retries?.attempts ?? 3;
      this.functions.set(fn.id, { id: fn.id, events: (fn.triggers ?? []).flatMap((trigger) => (trigger.event ? [trigger.event] : [])), maxAttempts: retries + 1, cancel: fn.cancel ?? [] });
    }
    return [...this.functions.values()];
  }

  /**
   * An event arrives: waits registered before it that match take it, runs whose cancelOn matches
   * stop, and every function it triggers starts a run. Returns the runs started.
   */
  send(events: InngestEvent | InngestEvent[]): Run[] {
    const started: Run[] = [];
    for (const raw of [events].flat()) {
      const event = { id: raw.id ?? crypto.randomUUID(), ts: raw.ts ?? Date.now(), ...raw };
      this.sent.push(event);
      for (const wait of [...this.waits]) {
        if (wait.op.event === event.name && matchesExpression(wait.op.if, { event: wait.run.event, async: event })) {
          this.waits.delete(wait);
          wait.resolve(event);
        }
      }
      for (const run of this.runs) {
        if (run.status !== "running") continue;
        const cancel = this.functions.get(run.fnId)?.cancel ?? [];
        if (cancel.some((rule) => rule.event === event.name && matchesExpression(rule.if, { event: run.event, async: event }))) this.aborts.get(run)?.abort(new RunCancelled());
      }
      for (const fn of this.functions.values()) if (fn.events.includes(event.name)) started.push(this.start(fn.id, event));
    }
    return started;
  }

  /** Starts a run of a function with an event (as a trigger or an invocation would). */
  start(fnId: string, event: InngestEvent): Run {
    const run = { id: `run_${crypto.randomUUID()}`, fnId, event, status: "running", ops: [], requests: [], invoked: [] } as unknown as Run;
    const controller = new AbortController();
    this.aborts.set(run, controller);
    this.runs.push(run);
    run.done = this.play(run, controller.signal).then(
      (outcome) => Object.assign(run, outcome),
      (error) => Object.assign(run, error instanceof RunCancelled ? { status: "cancelled" } : { status: "failed", error: String((error as Error)?.stack ?? error) }),
    );
    return run;
  }

  /** The waits registered and not answered yet. */
  pendingWaits(): { run: Run; wait: WaitOp }[] {
    return [...this.waits].map(({ run, op }) => ({ run, wait: op }));
  }

  /** The run a function started for an execution (by its trigger or invocation event). */
  runFor(executionId: string): Run | undefined {
    return this.runs.find((run) => run.event.data.executionId === executionId);
  }

  /** Resolves when no run is running (runs started meanwhile included). */
  async settled(): Promise<void> {
    for (let running = this.runs.filter((run) => run.status === "running"); running.length; running = this.runs.filter((run) => run.status === "running")) await Promise.all(running.map((run) => run.done));
  }

  private async request(method: "POST" | "PUT", query: Record<string, string>, body: unknown, extraHeaders: Record<string, string> = {}) {
    const text = canonicalJson(body);
    const headers: Record<string, string> = { "content-type": "application/json", ...extraHeaders };
    if (this.options.signingKey) headers["x-inngest-signature"] = signInngestRequest(text, this.options.signingKey);
    const answer = await this.options.transport({ method, query, headers, body: text });
    if (this.options.signingKey && answer.status < 300) checkAnswerSignature(answer.headers.get("x-inngest-signature"), answer.text, this.options.signingKey);
    return answer;
  }

  private async play(run: Run, signal: AbortSignal): Promise<Partial<Run>> {
    const maxAttempts = this.functions.get(run.fnId)?.maxAttempts ?? 5;
    const steps: Record<string, Memo> = {};
    const stack: string[] = [];
    let disableImmediateExecution = false;
    let requests = 0;
    const memoize = (id: string, memo: Memo) => {
      steps[id] = memo;
      stack.push(id);
    };

    /** One call of the function; a cancelled run makes no more calls and ignores the answer of the one in flight. */
    const call = async (stepId: string, attempt: number) => {
      if (signal.aborted) throw signal.reason;
      if (++requests > (this.options.maxRequestsPerRun ?? 1000)) throw new Error(`the run did not finish within ${requests - 1} requests`);
      const body = {
        event: run.event,
        events: [run.event],
        steps,
        ctx: { run_id: run.id, attempt, max_attempts: maxAttempts, disable_immediate_execution: disableImmediateExecution, use_api: false, stack: { stack, current: stack.length } },
      };
      const answer = await this.request("POST", { fnId: run.fnId, stepId }, body);
      if (signal.aborted) throw signal.reason;
      const parsed = answer.text ? (JSON.parse(answer.text) as unknown) : null;
      const ops = answer.status === 206 ? (parsed as Op[]) : [];
      run.requests.push({ stepId, attempt, status: answer.status, ops: ops.map((op) => ({ op: op.op, name: op.displayName ?? op.name ?? op.id })) });
      run.ops.push(...ops);
      return { ...answer, parsed, ops };
    };

    /** Runs one planned (or retried) step in requests of its own until it succeeds or fails for good. */
    const runStep = async (id: string, firstAttempt: number): Promise<void> => {
      for (let attempt = firstAttempt; ; attempt++) {
        const answer = await call(id, attempt);
        if (answer.status !== 206) throw new Error(`running step ${id} answered ${answer.status}: ${answer.text}`);
        const op = answer.ops.find((candidate) => candidate.id === id);
        if (op?.op === "StepRun") return memoize(id, { type: "data", data: op.data ?? null });
        if (op?.op === "StepFailed") return memoize(id, { type: "error", error: op.error });
        if (op?.op !== "StepError") throw new Error(`running step ${id} answered ${JSON.stringify(answer.ops)}`);
      }
    };

    const perform = async (op: Op): Promise<void> => {
      const name = op.displayName ?? op.name ?? op.id;
      switch (op.op) {
        case "StepRun":
          return memoize(op.id, { type: "data", data: op.data ?? null });
        case "StepFailed":
          return memoize(op.id, { type: "error", error: op.error });
        case "StepError":
          return runStep(op.id, 1); // the first attempt (0) just failed
        case "StepPlanned":
          return runStep(op.id, 0);
        case "Sleep":
          await abortable(this.options.onSleep?.({ id: op.id, name, duration: op.name ?? "" }, run) ?? Promise.resolve(), signal);
          return memoize(op.id, { type: "data", data: null });
        case "WaitForEvent": {
          // The event name travels as the op's name; the step's own id as its display name.
          const opts = (op.opts ?? {}) as { timeout: string; if?: string };
          const wait: WaitOp = { id: op.id, name, event: op.name ?? "", timeout: opts.timeout, if: opts.if };
          return memoize(op.id, { type: "data", data: await this.waitForEvent(run, wait, signal) });
        }
        case "InvokeFunction": {
          const opts = op.opts as { function_id: string; payload?: { data?: Record<string, unknown> } };
          const child = this.start(opts.function_id, { name: INVOKED_EVENT, data: opts.payload?.data ?? {} });
          run.invoked.push(child);
          await abortable(child.done, signal);
          if (child.status === "completed") return memoize(op.id, { type: "data", data: child.result ?? null });
          return memoize(op.id, { type: "error", error: { name: "Error", message: child.status === "cancelled" ? "The invoked function was cancelled" : `The invoked function failed: ${JSON.stringify(child.error)}` } });
        }
        default:
          throw new Error(`the test executor does not play ${op.op}`);
      }
    };

    for (let attempt = 0; ; ) {
      const answer = await call("step", attempt);
      if (answer.status === 200) return { status: "completed", result: answer.parsed };
      if (answer.status !== 206) {
        // The function itself threw: Inngest retries the call unless the error is final.
        const final = answer.headers.get("x-inngest-no-retry") === "true" || answer.status < 500 || attempt + 1 >= maxAttempts;
        if (final) return { status: "failed", error: answer.parsed };
        attempt++;
        continue;
      }
      attempt = 0;
      // More than one step planned at once: parallel steps, each in its own request, and from now
      // on no request runs a step it was not asked for (as Inngest does after parallelism).
      if (answer.ops.filter((op) => op.op === "StepPlanned").length > 1) disableImmediateExecution = true;
      await Promise.all(answer.ops.map(perform));
    }
  }

  private async waitForEvent(run: Run, wait: WaitOp, signal: AbortSignal): Promise<InngestEvent | null> {
    const answered = await this.options.onWaitForEvent?.(wait, run);
    if (answered !== undefined) return answered;
    let entry: { run: Run; op: WaitOp; resolve: (event: InngestEvent) => void } | undefined;
    const matched = new Promise<InngestEvent>((resolve) => {
      entry = { run, op: wait, resolve };
      this.waits.add(entry);
    });
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), Math.min(durationMs(wait.timeout), this.options.maxWaitMs ?? Infinity));
    });
    try {
      return await abortable(Promise.race([matched, timedOut]), signal);
    } finally {
      clearTimeout(timer);
      this.waits.delete(entry!);
    }
  }
}

function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

/**
 * The player with Inngest's event API on a loopback port: point the app's INNGEST_BASE_URL at
 * `baseUrl` (and INNGEST_EVENT_KEY at `eventKey`), and what the app sends arrives in `player.send`.
 * A wrong event key is refused (401), as Inngest does.
 */
export async function startFakeInngest(options: Omit<PlayerOptions, "transport"> & { eventKey: string; transport?: Transport }) {
  let transport: Transport | undefined = options.transport;
  const player = new InngestPlayer({ ...options, transport: (request) => (transport ?? failNoApp)(request) });
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const match = /^\/e\/([^/?]+)/.exec(request.url ?? "");
      const reply = (status: number, body: unknown) => response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
      if (request.method !== "POST" || !match) return reply(404, { error: "not found" });
      if (decodeURIComponent(match[1]!) !== options.eventKey) return reply(401, { error: "Event key not found", status: 401 });
      const events = [JSON.parse(Buffer.concat(chunks).toString("utf8"))].flat() as InngestEvent[];
      const withIds = events.map((event) => ({ ...event, id: event.id ?? crypto.randomUUID() }));
      player.send(withIds);
      reply(200, { ids: withIds.map((event) => event.id), status: 200 });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    player,
    baseUrl: `http://127.0.0.1:${port}/`,
    /** Where the app's serve endpoint answers (set once it listens). */
    connect(next: Transport) {
      transport = next;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const failNoApp: Transport = async () => {
  throw new Error("the fake Inngest is not connected to the app yet (connect())");
};

// The original one-run helper of app/api/inngest/route.int.test.ts (unsigned, in process).
export type ExecutorOptions = {
  handler: (request: Request, context?: unknown) => Promise<Response>;
  /** "<app id>-<function id>", e.g. "agentry-execute-workflow". */
  fnId: string;
  event: InngestEvent | { name: string; data: unknown };
  /**
   * A wait was registered: return the event that matches it (sent after this moment), or null
   * when it times out. Inngest never matches an event sent before the registration.
   */
  onWaitForEvent?: (wait: WaitOp) => Promise<InngestEvent | { name: string; data: unknown } | null>;
  onSleep?: (op: { id: string; name: string }) => Promise<void>;
  maxRequests?: number;
};

export type ExecutorRun = { status: number; result: unknown; ops: Op[] };

export async function playInngestExecutor({ handler, fnId, event, onWaitForEvent = async () => null, onSleep, maxRequests }: ExecutorOptions): Promise<ExecutorRun> {
  const player = new InngestPlayer({
    transport: handlerTransport((request) => handler(request)),
    onWaitForEvent: async (wait) => ((await onWaitForEvent(wait)) as InngestEvent | null) ?? null,
    onSleep: onSleep && ((op) => onSleep(op)),
    maxRequestsPerRun: maxRequests,
  });
  const run = await player.start(fnId, event as InngestEvent).done;
  if (run.status === "failed" && typeof run.error === "string") throw new Error(run.error);
  return { status: run.status === "completed" ? 200 : 500, result: run.status === "completed" ? run.result : run.error, ops: run.ops };
}
