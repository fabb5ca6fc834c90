import { z } from "zod";

export const ROLES = ["owner", "admin", "editor", "viewer"] as const;
export type Role = (typeof ROLES)[number];
export const RoleSchema = z.enum(ROLES);

/** Roles an admin can hand out; owner only comes with an ownership transfer or from an owner. */
export const INVITABLE_ROLES = ["admin", "editor", "viewer"] as const satisfies readonly Role[];
export const InvitableRoleSchema = z.enum(INVITABLE_ROLES);

const RANK: Record<Role, number> = { viewer: 0, editor: 1, admin: 2, owner: 3 };

export function hasRole(role: Role, minRole: Role): boolean {
  return RANK[role] >= RANK[minRole];
}
