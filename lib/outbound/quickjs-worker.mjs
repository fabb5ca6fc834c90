// The Code node sandbox's worker thread (started by quickjs-code-port.ts; plain JavaScript so it
// runs as is under Next.js, vitest and node). Each job runs in a FRESH WebAssembly instance of
// QuickJS (a few milliseconds), so nothing — no state, no leak, no corruption after an engine
// abort — carries over from one run to the next. Limits:
// - memory: the instance's WebAssembly memory has a hard maximum of the node's limit + 4 MB (at
//   least the 16 MB QuickJS starts with). QuickJS's own allocation counting (setMemoryLimit,
//   also set) undercounts in this build (no malloc_usable_size), so the hard maximum is what
//   actually stops a runaway allocation: malloc fails and QuickJS throws "out of memory";
// - stack: QuickJS's stack limit, well inside the thread's native stack (below);
// - time: QuickJS's interrupt handler at the deadline; the main thread's kill timer is the
//   backstop for anything that does not come back in time (it terminates this worker).
// A failure below the JavaScript level (the host stack overflowing, a WebAssembly abort) asks
// the main thread to replace this worker as well.
import { parentPort } from "node:worker_threads";
import { newQuickJSWASMModule, newVariant, RELEASE_SYNC, shouldInterruptAfterDeadline } from "quickjs-emscripten";

// QuickJS's own stack limit. It must trip well before the thread's native stack (stackSizeMb
// given by the pool, 8 MB) overflows under the WebAssembly frames; 1 MB (some 6,000 frames) leaves a wide margin.
const STACK_BYTES = 1024 * 1024;
const MAX_RESULT_CHARS = 10 * 1024 * 1024;
const MAX_MESSAGE_CHARS = 500;

const PAGE_BYTES = 65536;
/** The build's initial memory (16 MB): the instance's maximum cannot be lower. */
const MIN_PAGES = 256;
/** Room beyond the node's limit for QuickJS's own runtime, context, stack and static data. */
const OVERHEAD_BYTES = 4 * 1024 * 1024;

parentPort.on("message", async (job) => {
  parentPort.postMessage({ id: job.id, started: true });
  let answer;
  try {
    answer = await run(job);
  } catch {
    answer = { ok: false, kind: "crashed", recycle: true };
  }
  parentPort.postMessage({ id: job.id, ...answer });
});

async function run({ source, input, timeoutMs, memoryBytes }) {
  const maximumPages = Math.max(MIN_PAGES, Math.ceil((memoryBytes + OVERHEAD_BYTES) / PAGE_BYTES));
  const memory = new WebAssembly.Memory({ initial: MIN_PAGES, maximum: maximumPages });
  const quickjs = await newQuickJSWASMModule(newVariant(RELEASE_SYNC, { wasmMemory: memory }));
  // Out of memory can leave QuickJS unable to even build the error object (it then throws null).
  const memoryFull = () => maximumPages > MIN_PAGES && memory.buffer.byteLength >= 0.9 * maximumPages * PAGE_BYTES;
  let runtime;
  let vm;
  let answer;
  try {
    runtime = quickjs.newRuntime();
    runtime.setMemoryLimit(memoryBytes);
    runtime.setMaxStackSize(STACK_BYTES);
    runtime.setInterruptHandler(shouldInterruptAfterDeadline(Date.now() + timeoutMs));
    vm = runtime.newContext();
    const program = `JSON.stringify((function (input) {\n${source}\n})(${input}) ?? null)`;
    const result = vm.evalCode(program, "code-node.js");
    if (result.error) {
      const error = vm.dump(result.error);
      result.error.dispose();
      answer = error == null && memoryFull() ? { ok: false, kind: "memory" } : classify(error);
    } else {
      const text = vm.getString(result.value);
      result.value.dispose();
      answer = text.length > MAX_RESULT_CHARS ? { ok: false, kind: "result_too_large" } : { ok: true, json: text };
    }
  } catch (error) {
    // Below the JavaScript level: the host stack overflowed or the WebAssembly instance aborted.
    const message = error instanceof Error ? error.message : String(error);
    answer = { ok: false, kind: /call stack/i.test(message) ? "stack" : /memory/i.test(message) || memoryFull() ? "memory" : "crashed", recycle: true };
  }
  try {
    vm?.dispose();
    runtime?.dispose();
  } catch {
    answer.recycle = true;
  }
  return answer;
}

function classify(error) {
  const name = typeof error === "object" && error ? String(error.name ?? "Error") : undefined;
  const message = typeof error === "object" && error ? String(error.message ?? "") : String(error);
  if (name === "InternalError" && /^interrupted$/i.test(message)) return { ok: false, kind: "timeout" };
  if (name === "InternalError" && /stack overflow/i.test(message)) return { ok: false, kind: "stack" };
  if (name === "InternalError" && /out of memory/i.test(message)) return { ok: false, kind: "memory" };
  const text = name ? `${name}: ${message}` : message;
  return { ok: false, kind: "threw", message: text.length > MAX_MESSAGE_CHARS ? `${text.slice(0, MAX_MESSAGE_CHARS - 1)}…` : text };
}
