import { addUsage, budgetExceeded, type Budget, type UsageTotals } from "@/lib/engine/budget";
import { resolveValue } from "@/lib/engine/expressions";
import { handleOf, indexGraph, scopeMembers, type GraphIndex, LOOP_TYPE } from "@/lib/engine/graph";
import { LOOP_DONE } from "@/lib/engine/nodes/loop/schema";
import { NODE_REGISTRY, type NodeRegistry } from "@/lib/engine/registry";
import { UserFacingError, type EngineEvent, type EventSink, type NodeResult, type NodeServices, type StepRunner, type WorkflowGraph } from "@/lib/engine/types";
import { ERROR_HANDLE, type OnErrorMode } from "@/lib/schemas/workflow";

export type RunStatus = "completed" | "failed" | "cancelled" | "budget_exceeded";

export type RunWorkflowOptions = {
  graph: WorkflowGraph;
  input: unknown;
  step: StepRunner;
  sink: EventSink;
  services?: NodeServices;
  registry?: NodeRegistry;
  budget?: Budget;
  /** The trigger that started the run; by default the first manual trigger (else the first one). */
  triggerNodeId?: string;
  /** When the execution started (stable across replays, for the wall-time budget). */
  startedAt?: number;
  signal?: AbortSignal;
  now?: () => number;
  /**
   * What users see of an error that ends a node or the run (stored in events and the result).
   * The drivers hide internal errors (database, driver) behind an error id; by default the message.
   */
  describeError?: (error: unknown, where: { nodeId?: string; key?: string }) => string;
  /** Variables at the top level, as a loop body has `item` and `index` (a node tested alone inside a loop). */
  vars?: Record<string, unknown>;
};

export type RunResult = { status: RunStatus; output: unknown; error?: string; failedNodeId?: string; usage: UsageTotals };

/** `failed`: the node failed and its `onError` let the run go on ("continue": its outputs fire; "branch": only its error output). */
type NodeState = { status: "completed" | "skipped"; output?: unknown; branches?: string[]; failed?: OnErrorMode };

/** Whether an edge leaving a completed node carries on: its handle fired, and the error output only on failure. */
function fires(source: NodeState, handle: string): boolean {
  if (source.status !== "completed") return false;
  if (handle === ERROR_HANDLE) return source.failed === "branch";
  if (source.failed === "branch") return false;
  return !source.branches || source.branches.includes(handle);
}

/** What a failed node hands on when its `onError` lets the run continue. */
function failedResult(message: string): NodeResult {
  return { output: { error: { message } }, failed: message };
}

/** Waits between a node's tries; a stopped run does not wait. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted || ms <= 0) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done, { once: true });
  });
}

type Scope = {
  members: Set<string>;
  states: Map<string, NodeState>;
  /** `nodes.<id>.output` as expressions see it: the parent's view plus this scope's outputs. */
  view: Record<string, { output: unknown }>;
  parent: Scope | null;
  /** Appended to step keys: "" at the top, ":iter:<n>" (nested: ":iter:<n>:iter:<m>") in loops. */
  keySuffix: string;
  loopId: string | null;
  vars: Record<string, unknown>;
};

/** An event queued without waiting: a failure to store it surfaces when the driver flushes. */
function settleLater(emitted: void | Promise<void>) {
  if (emitted) emitted.catch(() => {});
}

class Stop extends UserFacingError {
  constructor(
    readonly status: RunStatus,
    message: string,
    readonly nodeId?: string,
  ) {
    super(message);
  }
}

/**
 * Runs a workflow graph through a StepRunner. Every node whose inputs are settled starts at once
 * (parallel branches run concurrently); a node runs when at least one incoming edge is active and
 * is skipped when none is (skips propagate down untaken branches); joins wait for all inputs.
 * Loops run their body once per item with step keys `node:<id>:iter:<n>`.
 * Pure TypeScript: no framework, database or job SDK.
 */
export async function runWorkflow(options: RunWorkflowOptions): Promise<RunResult> {
  return new WorkflowRun(options).run();
}

class WorkflowRun {
  private readonly index: GraphIndex;
  private readonly registry: NodeRegistry;
  private readonly abort = new AbortController();
  private readonly now: () => number;
  private readonly startedAt: number;
  private usage: UsageTotals = { inputTokens: 0, outputTokens: 0, costUsd: 0 };
  private stop: Stop | null = null;
  private readonly trigger: string | undefined;

  constructor(private readonly options: RunWorkflowOptions) {
    this.index = indexGraph(options.graph);
    this.registry = options.registry ?? NODE_REGISTRY;
    this.now = options.now ?? Date.now;
    this.startedAt = options.startedAt ?? this.now();
    const triggers = options.graph.nodes.filter((node) => this.registry.get(node.type)?.category === "trigger");
    this.trigger = options.triggerNodeId ?? (triggers.find((node) => node.type === "trigger.manual") ?? triggers[0])?.id;
    options.signal?.addEventListener("abort", () => this.halt(new Stop("cancelled", "The execution was cancelled.")), { once: true });
  }

  async run(): Promise<RunResult> {
    const top: Scope = { members: new Set(scopeMembers(this.index, null)), states: new Map(), view: {}, parent: null, keySuffix: "", loopId: null, vars: { ...this.options.vars } };
    // The wall-time budget also interrupts a node that is still running (a long sleep or call).
    const maxDurationMs = this.options.budget?.maxDurationMs;
    const wallClock =
      maxDurationMs === undefined
        ? undefined
        : setTimeout(() => this.halt(new Stop("budget_exceeded", `Budget exceeded: ran over the budget of ${maxDurationMs} ms.`)), Math.max(0, this.startedAt + maxDurationMs - this.now()));
    try {
      if (this.options.signal?.aborted) throw new Stop("cancelled", "The execution was cancelled.");
      await this.runScope(top);
    } catch (error) {
      this.halt(error instanceof Stop ? error : new Stop("failed", this.describe(error, {})));
    } finally {
      clearTimeout(wallClock);
    }
    if (this.stop) return { status: this.stop.status, output: null, error: this.stop.message, failedNodeId: this.stop.nodeId, usage: this.usage };
    return { status: "completed", output: this.collectOutput(top), usage: this.usage };
  }

  private describe(error: unknown, where: { nodeId?: string; key?: string }): string {
    if (this.options.describeError) return this.options.describeError(error, where);
    return error instanceof Error ? error.message : String(error);
  }

  private halt(stop: Stop) {
    if (this.stop) return;
    this.stop = stop;
    this.abort.abort(stop);
  }

  private setState(scope: Scope, id: string, state: NodeState) {
    scope.states.set(id, state);
    if (state.status === "completed") scope.view[id] = { output: state.output };
  }

  private async runScope(scope: Scope): Promise<void> {
    const pending = new Set(scope.members);
    // After the first pass only the targets of the node that just settled are looked at again,
    // which keeps long graphs linear.
    let candidates: Iterable<string> = scope.members;
    const running = new Map<string, Promise<string>>();
    while (pending.size || running.size) {
      if (this.stop) break;
      for (const id of candidates) {
        if (!pending.has(id)) continue;
        const readiness = this.readiness(scope, id);
        if (readiness === "wait") continue;
        pending.delete(id);
        const work = readiness === "skip" ? this.skipNode(scope, id) : this.runNode(scope, id);
        running.set(id, work.catch((error: unknown) => this.halt(error instanceof Stop ? error : new Stop("failed", this.describe(error, { nodeId: id }), id))).then(() => id));
      }
      if (running.size === 0) break;
      const settled = await Promise.race(running.values());
      running.delete(settled);
      candidates = (this.index.outgoing.get(settled) ?? []).map((edge) => edge.target);
    }
    await Promise.allSettled(running.values());
  }

  private stateOf(scope: Scope, id: string): NodeState | undefined {
    for (let current: Scope | null = scope; current; current = current.parent) {
      const state = current.states.get(id);
      if (state) return state;
    }
    return undefined;
  }

  private readiness(scope: Scope, id: string): "wait" | "run" | "skip" {
    const node = this.index.nodes.get(id)!;
    const incoming = this.index.incoming.get(id) ?? [];
    if (incoming.length === 0) {
      if (this.registry.get(node.type)?.category === "trigger") return id === this.trigger ? "run" : "skip";
      return "run";
    }
    let active = false;
    for (const edge of incoming) {
      if (edge.source === scope.loopId) {
        active = true; // the loop's "body" handle fires each iteration
        continue;
      }
      const source = scope.members.has(edge.source) ? scope.states.get(edge.source) : this.stateOf(scope, edge.source);
      if (!source) return "wait";
      if (fires(source, handleOf(edge))) active = true;
    }
    return active ? "run" : "skip";
  }

  private expressionScope(scope: Scope, inputs: Record<string, unknown>) {
    const values = Object.values(inputs);
    return { input: this.options.input, nodes: scope.view, prev: values.length === 1 ? values[0] : inputs, ...scope.vars };
  }

  private activeInputs(scope: Scope, id: string): Record<string, unknown> {
    const inputs: Record<string, unknown> = {};
    for (const edge of this.index.incoming.get(id) ?? []) {
      if (edge.source === scope.loopId) {
        inputs[edge.source] = scope.vars.item;
        continue;
      }
      const source = this.stateOf(scope, edge.source);
      if (source && fires(source, handleOf(edge))) inputs[edge.source] = source.output;
    }
    return inputs;
  }

  private async skipNode(scope: Scope, id: string) {
    this.setState(scope, id, { status: "skipped" });
    const key = `node:${id}${scope.keySuffix}`;
    // A skip only records what the graph already says: recomputed on replay like a pure node.
    await this.options.step.run(
      `${key}:skipped`,
      async () => {
        const emitted = this.options.sink.emit({ type: "node.skipped", nodeId: id, key });
        if (this.options.step.batchesPureSteps) settleLater(emitted);
        else await emitted;
        return null;
      },
      { pure: true },
    );
  }

  private async runNode(scope: Scope, id: string): Promise<void> {
    const elapsedBefore = budgetExceeded(this.options.budget, this.usage, this.now() - this.startedAt);
    if (elapsedBefore) throw new Stop("budget_exceeded", `Budget exceeded: ${elapsedBefore}.`, id);
    const node = this.index.nodes.get(id)!;
    const definition = this.registry.get(node.type);
    if (!definition) throw new Stop("failed", `Unknown node type "${node.type}".`, id);
    const key = `node:${id}${scope.keySuffix}`;
    const trigger = definition.category === "trigger";
    const inputs = trigger ? { $input: this.options.input } : this.activeInputs(scope, id);
    const { sink, step } = this.options;
    // Retry on fail and On error (node settings, not config): a node that drives its own steps
    // (agent, sub-workflow, delay, approval) gets no in-step tries; its steps are retried by the driver.
    const onError: OnErrorMode = trigger ? "stop" : (node.data.onError ?? "stop");
    const ownSteps = definition.durable || definition.stepwise;
    const tries = ownSteps || trigger ? 1 : (node.data.retry?.maxTries ?? 1);
    const waitMs = node.data.retry?.waitMs ?? 1000;
    /** A node's failure (not a stop of the run, and not a bad config, which fails the same on every try). */
    const isNodeFailure = (error: unknown) => !(error instanceof Stop) && !this.abort.signal.aborted;
    const tolerated = (error: unknown) => onError !== "stop" && !this.abort.signal.aborted && (!(error instanceof Stop) || error.status === "failed");

    const execute = async (): Promise<NodeResult> => {
      const parsed = definition.configSchema.safeParse(node.data.config ?? {});
      if (!parsed.success) throw new Stop("failed", `"${node.data.label ?? id}" is misconfigured: ${parsed.error.issues[0]?.message}`, id);
      const config = resolveValue(parsed.data, this.expressionScope(scope, inputs));
      const started = this.now();
      const result = await definition.execute({
        nodeId: id,
        key,
        config: config as never,
        inputs,
        services: this.options.services ?? {},
        step,
        signal: this.abort.signal,
        emitToken: (delta) => void sink.emit({ type: "node.token", nodeId: id, key, delta }),
        emit: async (event) => void (await sink.emit({ ...event, nodeId: id, key } as EngineEvent)),
        assertWithinBudget: (spent, own) => {
          const elapsed = this.now() - this.startedAt;
          const overRun = budgetExceeded(this.options.budget, addUsage(this.usage, { ...spent }), elapsed);
          const overOwn = own ? budgetExceeded(own.budget, spent, this.now() - own.startedAt) : null;
          if (!overRun && !overOwn) return;
          // What the node spent before the stop still counts in the run's totals.
          this.usage = addUsage(this.usage, { ...spent });
          throw new Stop("budget_exceeded", overRun ? `Budget exceeded: ${overRun}.` : `Budget exceeded: "${own!.label}" ${overOwn}.`, id);
        },
        now: this.now,
      });
      return { ...result, output: result.output ?? null, input: { config, inputs }, durationMs: this.now() - started };
    };
    const executeWithTries = async (): Promise<NodeResult> => {
      for (let attempt = 1; ; attempt++) {
        try {
          return await execute();
        } catch (error) {
          if (attempt >= tries || !isNodeFailure(error)) throw error;
          await pause(waitMs, this.abort.signal);
          if (this.abort.signal.aborted) throw error;
        }
      }
    };

    let result: NodeResult & { durationMs?: number };
    // A node that does not listen to the abort signal still cannot hold up a stopped run. (The
    // listener goes when the node settles: a long run must not pile one up per node.)
    let onAbort = () => {};
    const stopped = new Promise<never>((_, reject) => {
      onAbort = () => reject(this.stop ?? new Stop("cancelled", "The execution was stopped."));
      if (this.abort.signal.aborted) onAbort();
      else this.abort.signal.addEventListener("abort", onAbort, { once: true });
    });
    stopped.catch(() => {});
    // A batching driver stores queued events with the steps of the same batch: no need to await them.
    const batched = step.batchesPureSteps === true;
    try {
      if (definition.durable || definition.stepwise) {
        // The node calls step.sleep / step.waitForEvent / step.run itself; its events are memoized
        // steps. Those marker steps are pure: they only emit, and the outcome they hand on is
        // rebuilt from the node's own memoized steps on replay, so a batching driver stores them
        // with their events instead of checkpointing each before going on.
        const emitMarker = async (event: EngineEvent) => {
          const stored = sink.emit(event);
          if (batched) settleLater(stored);
          else await stored;
        };
        await step.run(
          `${key}:started`,
          async () => {
            await emitMarker({ type: "node.started", nodeId: id, key });
            if (definition.category === "human") await emitMarker({ type: "node.waiting", nodeId: id, key, reason: "approval" });
            return null;
          },
          { pure: true },
        );
        const outcome = await Promise.race([execute(), stopped]);
        // A stepwise node's outcome is its node step (`node:<id>`), so it is listed with its usage.
        result = await step.run(
          definition.stepwise ? key : `${key}:completed`,
          async () => {
            await emitMarker({ type: "node.completed", nodeId: id, key, output: outcome.output, usage: outcome.usage, durationMs: definition.stepwise ? (outcome.durationMs ?? 0) : 0 });
            return outcome;
          },
          { pure: true },
        );
      } else {
        // With a batching driver a node's events are queued, not awaited: a pure node's are stored
        // with the step's outcome in one batch (recomputed on replay if the batch was lost); any
        // other node's go out beside its checkpoints, and a replay does not store them twice.
        const pure = definition.pure === true && batched;
        result = await Promise.race([step.run(key, async () => {
          const started = sink.emit({ type: "node.started", nodeId: id, key });
          if (batched) settleLater(started);
          else await started;
          let outcome: NodeResult;
          try {
            outcome = await executeWithTries();
          } catch (error) {
            if (!tolerated(error)) throw error;
            // The failure is the step's outcome: memoized like a success, so every driver and
            // every replay goes on the same way.
            const message = this.describe(error, { nodeId: id, key });
            const failed = sink.emit({ type: "node.failed", nodeId: id, key, error: message });
            if (batched) settleLater(failed);
            else await failed;
            return failedResult(message);
          }
          const completed = sink.emit({ type: "node.completed", nodeId: id, key, output: outcome.output, usage: outcome.usage, durationMs: outcome.durationMs ?? 0 });
          if (batched) settleLater(completed);
          else await completed;
          return outcome;
        }, { pure }), stopped]);
      }
    } catch (error) {
      if (error instanceof Stop && error.status !== "failed") throw error;
      // Stopping aborts the node's own waits too: whichever rejection comes first, it is the stop.
      if (this.abort.signal.aborted) throw this.stop ?? new Stop("cancelled", "The execution was stopped.");
      const message = this.describe(error, { nodeId: id, key });
      // A memoized step: a replay after this point (every later step on Inngest) must not store it again.
      if (!this.stop) {
        await step.run(
          `${key}:failed`,
          async () => {
            await sink.emit({ type: "node.failed", nodeId: id, key, error: message });
            return null;
          },
          { pure: true },
        );
      }
      // A node driving its own steps failed after the driver's retries: its `onError` may go on.
      if (ownSteps && !this.stop && tolerated(error)) {
        this.setState(scope, id, { status: "completed", output: failedResult(message).output, failed: onError });
        return;
      }
      throw new Stop("failed", `"${node.data.label ?? id}" failed: ${message}`, id);
    } finally {
      this.abort.signal.removeEventListener("abort", onAbort);
    }

    this.usage = addUsage(this.usage, result.usage);
    const over = budgetExceeded(this.options.budget, this.usage, this.now() - this.startedAt);

    if (result.failed !== undefined) {
      this.setState(scope, id, { status: "completed", output: result.output, failed: onError });
    } else if (node.type === LOOP_TYPE) {
      await this.runLoop(scope, id, key, result.output as unknown[]);
    } else {
      this.setState(scope, id, { status: "completed", output: result.output, branches: result.branches });
    }
    if (over) throw new Stop("budget_exceeded", `Budget exceeded: ${over}.`, id);
  }

  private async runLoop(scope: Scope, loopId: string, key: string, items: unknown[]) {
    const results: unknown[] = [];
    const backEdges = this.index.backEdges.get(loopId) ?? [];
    for (let index = 0; index < items.length; index++) {
      if (this.stop) return;
      const body: Scope = {
        members: new Set(scopeMembers(this.index, loopId)),
        states: new Map(),
        view: { ...scope.view },
        parent: scope,
        keySuffix: `${scope.keySuffix}:iter:${index}`,
        loopId,
        vars: { ...scope.vars, item: items[index], index },
      };
      await this.runScope(body);
      if (this.stop) return;
      const ends = backEdges.map((edge) => [edge.source, body.states.get(edge.source)] as const).filter(([, state]) => state?.status === "completed");
      results.push(ends.length === 1 ? ends[0]![1]!.output : Object.fromEntries(ends.map(([id, state]) => [id, state!.output])));
      for (const [id, state] of body.states) this.setState(scope, id, state); // later nodes see the last iteration
    }
    this.setState(scope, loopId, { status: "completed", output: results, branches: [LOOP_DONE] });
    await this.options.step.run(`${key}:done`, async () => {
      await this.options.sink.emit({ type: "node.completed", nodeId: loopId, key, output: results, durationMs: 0 });
      return null;
    });
  }

  /** `{ [name]: value }` of the Output nodes that ran; without Output nodes, the last node's output. */
  private collectOutput(top: Scope): unknown {
    const outputs = this.options.graph.nodes.filter((node) => node.type === "flow.output" && top.states.get(node.id)?.status === "completed");
    if (outputs.length) {
      return Object.fromEntries(outputs.map((node) => [String((node.data.config as { name?: string } | undefined)?.name ?? "result"), top.states.get(node.id)!.output]));
    }
    const sinks = [...top.members].filter((id) => (this.index.outgoing.get(id) ?? []).length === 0 && top.states.get(id)?.status === "completed");
    return sinks.length === 1 ? top.states.get(sinks[0]!)!.output : Object.fromEntries(sinks.map((id) => [id, top.states.get(id)!.output]));
  }
}
