import os from "node:os";
import { Worker } from "node:worker_threads";
import { NodeExecutionError, type CodePort } from "@/lib/engine/types";

/**
 * Runs Code nodes in QuickJS compiled to WebAssembly — a separate JavaScript engine with its own
 * heap, no access to Node.js (no require, process, fs, network), values crossing as JSON only —
 * and never on the main thread: a small pool of worker threads (quickjs-worker.mjs) runs them,
 * so a node that spins cannot stall the server's other requests.
 * - Each run gets a fresh WebAssembly instance of QuickJS (a few ms): nothing survives from one
 *   run to the next, not even a corrupted engine after an abort.
 * - Limits: the node's memory cap as the hard maximum of that instance's WebAssembly memory
 *   (+ 4 MB for QuickJS itself, at least 16 MB), a 1 MB QuickJS stack inside an 8 MB thread
 *   stack, the node's deadline via QuickJS's interrupt handler — and, as the backstop, the main
 *   thread terminates the worker when an answer is late (a built-in that never checks the
 *   deadline, an engine hang) or when the run is cancelled.
 * - A worker is replaced after a crash, a kill, a failure below the JavaScript level (host stack
 *   overflow, WebAssembly abort), a large-memory run, or 200 runs; idle workers exit after 30 s.
 * - Errors are short and human ("Maximum call stack size exceeded", "used more than 32 MB"),
 *   never engine internals.
 */
export function createQuickJsCodePort(options: { pool?: CodeSandboxPool } = {}): CodePort {
  return {
    run: (source, input, limits, signal) => (options.pool ?? sharedPool()).run(source, input, limits, signal),
  };
}

export type CodeLimits = { timeoutMs: number; memoryBytes: number };

type Answer = { id: number; started?: true; ok?: boolean; json?: string; kind?: string; message?: string; recycle?: boolean };
type Job = { id: number; source: string; input: string; limits: CodeLimits; resolve(value: unknown): void; reject(error: unknown): void };
type Slot = { worker: Worker; runs: number; job?: Job; timer?: NodeJS.Timeout; idleTimer?: NodeJS.Timeout; exited: boolean };

/** Time a worker gets beyond the node's deadline before it is terminated. */
const KILL_GRACE_MS = 500;
/** Before the worker says it started (spawn + WebAssembly load), a generous bound. */
const START_GRACE_MS = 15_000;
const IDLE_EXIT_MS = 30_000;
const MAX_RUNS_PER_WORKER = 200;
/** Runs allowed more memory than this get a fresh worker afterwards (WebAssembly memory never shrinks). */
const RECYCLE_ABOVE_BYTES = 64 * 1024 * 1024;
const MAX_INPUT_CHARS = 10 * 1024 * 1024;

export class CodeSandboxPool {
  private readonly slots = new Set<Slot>();
  private readonly queue: Job[] = [];
  private nextId = 1;
  readonly size: number;

  constructor(options: { size?: number } = {}) {
    this.size = Math.max(1, options.size ?? Math.min(4, Math.max(2, os.availableParallelism() - 1)));
  }

  run(source: string, input: unknown, limits: CodeLimits, signal?: AbortSignal): Promise<unknown> {
    const inputJson = JSON.stringify(input ?? null) ?? "null";
    if (inputJson.length > MAX_INPUT_CHARS) return Promise.reject(new NodeExecutionError(`The code's input is larger than ${MAX_INPUT_CHARS / 1048576} MB.`));
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        const queued = this.queue.indexOf(job);
        if (queued >= 0) this.queue.splice(queued, 1);
        const slot = [...this.slots].find((candidate) => candidate.job === job);
        if (slot) void this.kill(slot);
        reject(signal!.reason);
      };
      const settle = () => signal?.removeEventListener("abort", onAbort);
      const job: Job = {
        id: this.nextId++,
        source,
        input: inputJson,
        limits,
        resolve: (value) => (settle(), resolve(value)),
        reject: (error) => (settle(), reject(error)),
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      this.queue.push(job);
      this.dispatch();
    });
  }

  /** Terminates every worker (tests, shutdown). */
  async close(): Promise<void> {
    await Promise.all([...this.slots].map((slot) => this.kill(slot)));
  }

  private dispatch() {
    while (this.queue.length > 0) {
      let slot = [...this.slots].find((candidate) => !candidate.job && !candidate.exited);
      if (!slot && this.slots.size < this.size) slot = this.spawn();
      if (!slot) return;
      const job = this.queue.shift()!;
      this.start(slot, job);
    }
  }

  private spawn(): Slot {
    const worker = new Worker(new URL("./quickjs-worker.mjs", import.meta.url), {
      resourceLimits: { maxOldGenerationSizeMb: 128, maxYoungGenerationSizeMb: 16, stackSizeMb: 8 },
      // Emscripten prints aborts to stderr; the run's answer says what happened instead.
      stdout: true,
      stderr: true,
    });
    worker.stdout.resume();
    worker.stderr.resume();
    const slot: Slot = { worker, runs: 0, exited: false };
    worker.on("message", (answer: Answer) => this.onAnswer(slot, answer));
    worker.on("error", (error: NodeJS.ErrnoException) => this.onExit(slot, error.code === "ERR_WORKER_OUT_OF_MEMORY" ? "memory" : "crashed"));
    worker.on("exit", () => this.onExit(slot, "crashed"));
    this.slots.add(slot);
    return slot;
  }

  private start(slot: Slot, job: Job) {
    clearTimeout(slot.idleTimer);
    slot.job = job;
    slot.runs++;
    slot.worker.ref();
    slot.timer = setTimeout(() => this.timeOut(slot), job.limits.timeoutMs + START_GRACE_MS);
    slot.worker.postMessage({ id: job.id, source: job.source, input: job.input, timeoutMs: job.limits.timeoutMs, memoryBytes: job.limits.memoryBytes });
  }

  private onAnswer(slot: Slot, answer: Answer) {
    const job = slot.job;
    if (!job || answer.id !== job.id) return;
    if (answer.started) {
      clearTimeout(slot.timer);
      slot.timer = setTimeout(() => this.timeOut(slot), job.limits.timeoutMs + KILL_GRACE_MS);
      return;
    }
    clearTimeout(slot.timer);
    slot.job = undefined;
    const recycle = answer.recycle || slot.runs >= MAX_RUNS_PER_WORKER || job.limits.memoryBytes > RECYCLE_ABOVE_BYTES;
    if (recycle) {
      void this.kill(slot);
      this.warmSpare();
    } else this.idle(slot);
    if (answer.ok) {
      try {
        job.resolve(answer.json === undefined ? null : JSON.parse(answer.json));
      } catch {
        job.resolve(null);
      }
    } else job.reject(sandboxError(answer.kind, answer.message, job.limits));
    this.dispatch();
  }

  private timeOut(slot: Slot) {
    const job = slot.job;
    if (!job) return;
    void this.kill(slot);
    this.warmSpare();
    job.reject(sandboxError("timeout", undefined, job.limits));
  }

  /** After a worker was replaced, start one in advance so the next run does not wait for it. */
  private warmSpare() {
    const hasIdle = [...this.slots].some((slot) => !slot.job && !slot.exited);
    if (hasIdle || this.queue.length > 0 || this.slots.size >= this.size) return;
    this.idle(this.spawn());
  }

  private onExit(slot: Slot, kind: string) {
    if (slot.exited) return;
    slot.exited = true;
    clearTimeout(slot.timer);
    clearTimeout(slot.idleTimer);
    this.slots.delete(slot);
    const job = slot.job;
    slot.job = undefined;
    // A worker that dies while running (e.g. out of its own heap) fails that run only.
    if (job) job.reject(sandboxError(kind, undefined, job.limits));
    this.dispatch();
  }

  private idle(slot: Slot) {
    slot.worker.unref();
    slot.idleTimer = setTimeout(() => void this.kill(slot), IDLE_EXIT_MS);
    slot.idleTimer.unref();
  }

  /** Ends a worker; the caller settles the run it had, if any. */
  private async kill(slot: Slot): Promise<void> {
    slot.job = undefined;
    this.onExit(slot, "crashed");
    await slot.worker.terminate().catch(() => undefined);
  }
}

function sandboxError(kind: string | undefined, message: string | undefined, limits: CodeLimits): NodeExecutionError {
  switch (kind) {
    case "threw":
      return new NodeExecutionError(`The code threw ${message ?? "an error"}`);
    case "timeout":
      return new NodeExecutionError(`The code ran longer than ${limits.timeoutMs} ms and was stopped.`);
    case "memory":
      return new NodeExecutionError(`The code used more than ${Math.round(limits.memoryBytes / 1048576)} MB and was stopped.`);
    case "stack":
      return new NodeExecutionError("The code was stopped: Maximum call stack size exceeded (unbounded recursion?).");
    case "result_too_large":
      return new NodeExecutionError("The code's result is larger than 10 MB.");
    default:
      return new NodeExecutionError("The code crashed the sandbox and was stopped.");
  }
}

let pool: CodeSandboxPool | undefined;
function sharedPool(): CodeSandboxPool {
  pool ??= new CodeSandboxPool();
  return pool;
}
