import type { NodeResult } from "@/lib/engine/types";

/** Every trigger outputs what started the run (the scheduler hands it in as `$input`). */
export async function triggerOutput({ inputs }: { inputs: Record<string, unknown> }): Promise<NodeResult> {
  return { output: inputs.$input ?? {} };
}
