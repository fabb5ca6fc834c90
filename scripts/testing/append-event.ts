// Appends one terminal event to an execution from a separate process (the cross-process
// notification test): `tsx scripts/testing/append-event.ts <executionId>`.
import { getDb } from "@/lib/db";
import { ExecutionEventSink } from "@/lib/stream/execution-event-sink";

const executionId = process.argv[2]!;
await new ExecutionEventSink(executionId).append({ type: "execution.completed", data: { from: process.pid } });
await getDb().$disconnect();
process.exit(0);
