import { confirmApprovalToken } from "@/lib/approvals/confirm-approval-token";
import { json, route } from "@/lib/http/route";
import { confirmApprovalSchema } from "@/lib/schemas/approval";

export const POST = route({ auth: "user", body: confirmApprovalSchema }, async ({ user, body }) => json(await confirmApprovalToken({ userId: user.id, ...body })));
