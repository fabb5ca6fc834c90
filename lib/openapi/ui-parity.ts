/**
 * Everything the API can do, the studio can do: every write operation of the REST API, with the
 * studio page and component that perform it — or the reason it is API-only. The parity test
 * (ui-parity.test.ts) reads /api/openapi.json and fails on a write operation missing here, on an
 * entry for an operation that no longer exists, and on a component that does not call it.
 */
export type UiPath = { page: string; file: string } | { apiOnly: string };

export const UI_PARITY: Record<string, UiPath> = {
  // Workspaces and people
  "post /api/v1/workspaces": { page: "workspace switcher → New workspace", file: "components/shell/workspace-switcher.tsx" },
  "put /api/v1/workspaces/active": { page: "workspace switcher", file: "components/shell/workspace-switcher.tsx" },
  "patch /api/v1/workspaces/{id}": { page: "/settings (General)", file: "components/settings/workspace-general.tsx" },
  "delete /api/v1/workspaces/{id}": { page: "/settings (General)", file: "components/settings/workspace-general.tsx" },
  "post /api/v1/workspaces/{id}/transfer": { page: "/settings (General)", file: "components/settings/workspace-general.tsx" },
  "patch /api/v1/members/{userId}": { page: "/settings/members", file: "components/settings/members-panel.tsx" },
  "delete /api/v1/members/{userId}": { page: "/settings/members", file: "components/settings/members-panel.tsx" },
  "post /api/v1/invitations": { page: "/settings/members", file: "components/settings/members-panel.tsx" },
  "delete /api/v1/invitations/{id}": { page: "/settings/members", file: "components/settings/members-panel.tsx" },
  "post /api/v1/invitations/{id}/resend": { page: "/settings/members", file: "components/settings/members-panel.tsx" },
  "post /api/v1/invitations/accept": { page: "/invite/<token>", file: "components/invitations/accept-invitation-button.tsx" },
  "post /api/v1/api-keys": { page: "/settings/api-keys", file: "components/settings/api-keys-panel.tsx" },
  "delete /api/v1/api-keys/{id}": { page: "/settings/api-keys", file: "components/settings/api-keys-panel.tsx" },
  "post /api/v1/credentials": { page: "/settings/credentials", file: "components/settings/credential-form.tsx" },
  "patch /api/v1/credentials/{id}": { page: "/settings/credentials", file: "components/settings/credentials-panel.tsx" },
  "delete /api/v1/credentials/{id}": { page: "/settings/credentials", file: "components/settings/credentials-panel.tsx" },
  "post /api/v1/credentials/{id}/test": { page: "/settings/credentials", file: "components/settings/credential-form.tsx" },
  "post /api/v1/mcp-connections": { page: "/settings/mcp-connections", file: "components/settings/mcp-connections-panel.tsx" },
  "patch /api/v1/mcp-connections/{id}": { apiOnly: "Not yet in the studio: connections are deleted and added again to change them (gap to close)." },
  "delete /api/v1/mcp-connections/{id}": { page: "/settings/mcp-connections", file: "components/settings/mcp-connections-panel.tsx" },
  "post /api/v1/mcp-connections/{id}/test": { page: "/settings/mcp-connections", file: "components/settings/mcp-connections-panel.tsx" },
  // Workflows, triggers, runs, approvals
  "post /api/v1/workflows": { page: "/workflows", file: "components/workflows/workflow-list.tsx" },
  "patch /api/v1/workflows/{id}": { page: "/workflows/<id> (autosave)", file: "components/builder/builder.tsx" },
  "delete /api/v1/workflows/{id}": { page: "/workflows", file: "components/workflows/workflow-list.tsx" },
  "post /api/v1/workflows/{id}/publish": { page: "/workflows/<id> → Publish", file: "components/builder/builder.tsx" },
  "post /api/v1/workflows/{id}/versions/{version}/activate": { page: "/workflows/<id> → Versions", file: "components/builder/builder.tsx" },
  "patch /api/v1/workflows/{id}/triggers/{triggerId}": { page: "/workflows and /workflows/<id> → Triggers", file: "components/workflows/triggers-panel.tsx" },
  "post /api/v1/workflows/{id}/triggers/{triggerId}/rotate-secret": { page: "/workflows and /workflows/<id> → Triggers", file: "components/workflows/triggers-panel.tsx" },
  "post /api/v1/workflows/{id}/executions": { page: "/workflows/<id> → Run", file: "components/builder/builder.tsx" },
  "post /api/v1/workflows/{id}/nodes/{nodeId}/test": { page: "/workflows/<id> → select a node → Test node", file: "components/builder/test-node-panel.tsx" },
  "post /api/v1/executions/{id}/replay": { page: "/executions/<id> → Node runs → Replay from here (also the editor's run panel)", file: "components/executions/replay-button.tsx" },
  "post /api/v1/executions/{id}/retry": { page: "/executions/<id>", file: "components/executions/execution-actions.tsx" },
  "post /api/v1/executions/{id}/cancel": { page: "/executions/<id>", file: "components/executions/execution-actions.tsx" },
  "post /api/v1/executions/{id}/approvals/{nodeId}": { page: "/executions/<id>, /approvals, the editor's run panel", file: "components/approvals/approval-decision.tsx" },
  "post /api/v1/approvals/confirm": { page: "/approve/<token> (emailed link)", file: "components/approvals/confirm-approval-form.tsx" },
  "post /api/v1/hooks/{triggerId}": { apiOnly: "Called by other systems with the webhook's secret; the studio shows the URL, secret and a sample curl (Triggers panel)." },
  "delete /api/v1/conversations/{id}": { apiOnly: "Not yet in the studio: agent memory is cleared by the integration that owns the conversation id (gap to close)." },
  // Knowledge
  "post /api/v1/knowledge-bases": { page: "/knowledge", file: "components/knowledge/knowledge-base-list.tsx" },
  "patch /api/v1/knowledge-bases/{id}": { apiOnly: "Not yet in the studio: renaming a knowledge base (gap to close)." },
  "delete /api/v1/knowledge-bases/{id}": { apiOnly: "Not yet in the studio: deleting a knowledge base (gap to close)." },
  "post /api/v1/knowledge-bases/{id}/documents": { page: "/knowledge/<id>", file: "components/knowledge/knowledge-base-detail.tsx" },
  "delete /api/v1/knowledge-bases/{id}/documents/{documentId}": { page: "/knowledge/<id>", file: "components/knowledge/knowledge-base-detail.tsx" },
  "post /api/v1/knowledge-bases/{id}/documents/{documentId}/reingest": { page: "/knowledge/<id>", file: "components/knowledge/knowledge-base-detail.tsx" },
  "post /api/v1/knowledge-bases/{id}/search": { page: "/knowledge/<id> → Search", file: "components/knowledge/knowledge-base-detail.tsx" },
};
