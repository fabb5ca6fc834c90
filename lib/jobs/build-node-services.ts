import { revealCredential } from "@/lib/credentials/reveal-credential";
import type { NodeServices } from "@/lib/engine/types";
import { NodeExecutionError } from "@/lib/engine/types";
import { getEnv } from "@/lib/env";
import type { Redactor } from "@/lib/jobs/redactor";
import { createLlmPort } from "@/lib/llm/create-llm-port";
import { createQuickJsCodePort } from "@/lib/outbound/quickjs-code-port";
import { createSafeHttpPort } from "@/lib/outbound/safe-http-port";

/** The outside world as an execution of `workspaceId` may reach it. */
export function buildNodeServices({ workspaceId, redactor }: { workspaceId: string; redactor: Redactor }): NodeServices {
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
    async runSubWorkflow() {
      throw new NodeExecutionError("Sub-workflows are not available yet in this version of Agentry.");
    },
  };
}
