import { hasRole, type Role } from "@/lib/auth/roles";

/**
 * The permission matrix: the least role that may do each thing. Viewers read; editors build and
 * run; admins manage people, credentials and keys; only owners delete or give away a workspace.
 */
export const PERMISSIONS = {
  "workspace.read": "viewer",
  "workspace.rename": "admin",
  "workspace.delete": "owner",
  "workspace.transfer": "owner",
  "members.read": "viewer",
  "members.manage": "admin",
  "invitations.manage": "admin",
  "api_keys.manage": "admin",
  "credentials.manage": "admin",
  "mcp_connections.manage": "admin",
  "activity.read": "admin",
  "workflows.read": "viewer",
  "workflows.write": "editor",
  "executions.run": "editor",
  "knowledge.read": "viewer",
  "knowledge.write": "editor",
} as const satisfies Record<string, Role>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
  return hasRole(role, PERMISSIONS[permission]);
}
