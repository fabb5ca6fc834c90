import { requestApproval } from "@/lib/approvals/request-approval";
import { appendConversationMessages } from "@/lib/conversations/append-conversation-messages";
import { loadConversationMessages } from "@/lib/conversations/load-conversation-messages";
import { revealCredential } from "@/lib/credentials/reveal-credential";
import type { NodeServices } from "@/lib/engine/types";
import { getEnv } from "@/lib/env";
import { runChildExecution } from "@/lib/executions/run-child-execution";
import type { Redactor } from "@/lib/jobs/redactor";
import { searchKnowledge } from "@/lib/knowledge/search-knowledge";
import { createLlmPort } from "@/lib/llm/create-llm-port";
import { createMcpPort } from "@/lib/mcp/create-mcp-port";
import { resolveMcpServer } from "@/lib/mcp-connections/resolve-mcp-server";
import { createQuickJsCodePort } from "@/lib/outbound/quickjs-code-port";
import { createSafeHttpPort } from "@/lib/outbound/safe-http-port";
import { describeWorkflowTool } from "@/lib/workflows/describe-workflow-tool";

/** The outside world as an execution of `workspaceId` may reach it. */
export function buildNodeServices({ execution, redactor }: { execution: { id: string; workspaceId: string; depth: number }; redactor: Redactor }): NodeServices {
  const { workspaceId } = execution;
  const env = getEnv();
  return {
    // Every user-aimed request goes through the one outbound policy (lib/outbound/outbound-policy.ts).
    http: createSafeHttpPort({ allow: env.AGENTRY_HTTP_ALLOW, idempotencyScope: execution.id }),
    code: createQuickJsCodePort(),
    llm: createLlmPort({ anthropicBaseUrl: env.ANTHROPIC_BASE_URL, openaiBaseUrl: env.OPENAI_BASE_URL, allow: env.AGENTRY_HTTP_ALLOW }),
    async resolveCredential(credentialId) {
      const { secret } = await revealCredential({ workspaceId, credentialId });
      redactor.add(secret);
      return secret;
    },
    async resolveModelCredential(credentialId) {
      const { secret, baseUrl } = await revealCredential({ workspaceId, credentialId });
      redactor.add(secret);
      return { apiKey: secret || undefined, baseUrl: baseUrl ?? undefined };
    },
    runSubWorkflow: (workflowId, input, { key, signal, step }) => runChildExecution({ parent: execution, workflowId, input, key, signal, step }),
    describeWorkflowTool: (workflowId) => describeWorkflowTool({ workspaceId, workflowId }),
    // Remote MCP URLs go through the outbound policy; stdio servers only as the operator listed them.
    mcp: createMcpPort({
      allow: env.AGENTRY_HTTP_ALLOW,
      stdioServers: env.AGENTRY_MCP_STDIO_SERVERS,
      idempotencyScope: execution.id,
      resolveCredential: async (credentialId) => {
        const { secret } = await revealCredential({ workspaceId, credentialId });
        redactor.add(secret);
        return secret;
      },
    }),
    // Connections of this workspace only; their header values join the run's redacted secrets.
    async resolveMcpServer(connectionId) {
      const server = await resolveMcpServer({ workspaceId, connectionId });
      if (server.transport !== "stdio") for (const value of Object.values(server.headers ?? {})) redactor.add(value.replace(/^Bearer\s+/i, ""));
      return server;
    },
    requestApproval: (request) => requestApproval({ execution, request }),
    redact: (value) => redactor.redact(value),
    // Knowledge bases of this workspace only; the embedding key joins the run's redacted secrets.
    knowledge: {
      search: ({ knowledgeBaseId, ...input }, signal) => searchKnowledge({ workspaceId, knowledgeBaseId, input, signal, onSecret: (secret) => redactor.add(secret) }),
    },
    memory: {
      load: (key, { maxMessages }) => loadConversationMessages({ workspaceId, key, maxMessages }),
      append: (key, messages) => appendConversationMessages({ workspaceId, key, messages, executionId: execution.id }),
    },
  };
}
