import { revealCredential } from "@/lib/credentials/reveal-credential";
import type { NodeServices } from "@/lib/engine/types";
import { getEnv } from "@/lib/env";
import { runChildExecution } from "@/lib/executions/run-child-execution";
import type { Redactor } from "@/lib/jobs/redactor";
import { createLlmPort } from "@/lib/llm/create-llm-port";
import { createQuickJsCodePort } from "@/lib/outbound/quickjs-code-port";
import { createSafeHttpPort } from "@/lib/outbound/safe-http-port";

/** The outside world as an execution of `workspaceId` may reach it. */
export function buildNodeServices({ execution, redactor }: { execution: { id: string; workspaceId: string; depth: number }; redactor: Redactor }): NodeServices {
  const { workspaceId } = execution;
  const env = getEnv();
  return {
    http: createSafeHttpPort({ allow: env.AGENTRY_HTTP_ALLOW }),
    code: createQuickJsCodePort(),
    llm: createLlmPort({ anthropicBaseUrl: env.ANTHROPIC_BASE_URL, openaiBaseUrl: env.OPENAI_BASE_URL }),
    async resolveCredential(credentialId) {
      const secret = await revealCredential({ workspaceId, credentialId });
      redactor.add(secret);
      return secret;
    },
    runSubWorkflow: (workflowId, input, { key, signal }) => runChildExecution({ parent: execution, workflowId, input, key, signal }),
  };
}
