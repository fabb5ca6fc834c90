import { listPendingApprovals } from "@/lib/approvals/list-pending-approvals";
import { json, route } from "@/lib/http/route";
import { listApprovalsQuerySchema } from "@/lib/schemas/approval";

export const GET = route({ auth: { role: "viewer" }, query: listApprovalsQuerySchema }, async ({ actor, query }) => {
  const { items } = await listPendingApprovals(actor, { workflowId: query.workflowId });
  return json({ items, count: items.length });
});
