import { getQuickJS, shouldInterruptAfterDeadline, type QuickJSWASMModule } from "quickjs-emscripten";
import { NodeExecutionError, type CodePort } from "@/lib/engine/types";

let quickjs: Promise<QuickJSWASMModule> | undefined;

/**
 * Runs Code nodes in QuickJS compiled to WebAssembly: a separate JavaScript engine with its own
 * heap, no access to Node.js (no require, process, fs, network), a memory cap and a CPU-time
 * deadline. Values cross the boundary as JSON only.
 */
export function createQuickJsCodePort(): CodePort {
  return {
    async run(source, input, limits) {
      quickjs ??= getQuickJS();
      const runtime = (await quickjs).newRuntime();
      runtime.setMemoryLimit(limits.memoryBytes);
      runtime.setMaxStackSize(1024 * 1024);
      runtime.setInterruptHandler(shouldInterruptAfterDeadline(Date.now() + limits.timeoutMs));
      const vm = runtime.newContext();
      try {
        const program = `JSON.stringify((function (input) {\n${source}\n})(${JSON.stringify(input ?? null)}) ?? null)`;
        const result = vm.evalCode(program, "code-node.js");
        if (result.error) {
          const error = vm.dump(result.error) as { name?: string; message?: string } | string;
          result.error.dispose();
          const message = typeof error === "string" ? error : `${error?.name ?? "Error"}: ${error?.message ?? "failed"}`;
          if (/interrupted/i.test(message)) throw new NodeExecutionError(`The code ran longer than ${limits.timeoutMs} ms and was stopped.`);
          if (/out of memory/i.test(message)) throw new NodeExecutionError(`The code used more than ${Math.round(limits.memoryBytes / 1048576)} MB and was stopped.`);
          throw new NodeExecutionError(`The code threw ${message}`);
        }
        const text = vm.getString(result.value);
        result.value.dispose();
        return text === undefined ? null : JSON.parse(text);
      } finally {
        vm.dispose();
        runtime.dispose();
      }
    },
  };
}
