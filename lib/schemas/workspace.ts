import { z } from "zod";
import { InvitableRoleSchema, RoleSchema } from "@/lib/auth/roles";

export const WorkspaceNameSchema = z.string().trim().min(1, "Name the workspace.").max(80, "At most 80 characters.");

export const createWorkspaceSchema = z.object({ name: WorkspaceNameSchema });
export const renameWorkspaceSchema = z.object({ name: WorkspaceNameSchema });
export const switchWorkspaceSchema = z.object({ workspaceId: z.string().min(1) });
export const transferOwnershipSchema = z.object({ userId: z.string().min(1) });

export const changeMemberRoleSchema = z.object({ role: RoleSchema });

export const EmailSchema = z.string().trim().toLowerCase().pipe(z.email("Enter a valid email address.")).pipe(z.string().max(254));

export const createInvitationSchema = z.object({ email: EmailSchema, role: InvitableRoleSchema });
export const acceptInvitationSchema = z.object({ token: z.string().min(16).max(200) });

export const createApiKeySchema = z.object({
  name: z.string().trim().min(1, "Name the key.").max(80),
  role: InvitableRoleSchema.default("editor"),
});
