import type { EngineEvent, EventSink, StepRunner } from "@/lib/engine/types";

/**
 * A StepRunner that memoizes step results in memory: the engine's own test double and the
 * benchmark's runner. Sleeps are recorded, not waited; events come from `events` by match.
 * Sharing `memo` between two runs replays the first one.
 */
export class InMemoryStepRunner implements StepRunner {
  readonly executed: string[] = [];
  readonly sleeps: { key: string; ms: number }[] = [];
  constructor(
    readonly memo = new Map<string, unknown>(),
    readonly events = new Map<string, unknown>(),
  ) {}

  async run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    if (this.memo.has(key)) return this.memo.get(key) as T;
    this.executed.push(key);
    const result = await fn();
    this.memo.set(key, result);
    return result;
  }

  async sleep(key: string, ms: number): Promise<void> {
    await this.run(key, async () => {
      this.sleeps.push({ key, ms });
      return null;
    });
  }

  async waitForEvent<T>(key: string, options: { event: string; match: string; timeoutMs: number }): Promise<T | null> {
    return this.run(key, async () => (this.events.get(`${options.event}:${options.match}`) as T | undefined) ?? null);
  }
}

export class RecordingSink implements EventSink {
  readonly events: EngineEvent[] = [];
  emit(event: EngineEvent) {
    this.events.push(event);
  }
  types(nodeId?: string): string[] {
    return this.events.filter((event) => !nodeId || event.nodeId === nodeId).map((event) => event.type);
  }
}
