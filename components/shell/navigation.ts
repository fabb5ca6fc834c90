import { Activity, BarChart3, BookOpen, Inbox, LayoutDashboard, Settings, Workflow, type LucideIcon } from "lucide-react";

export type NavItem = { href: string; label: string; icon: LucideIcon };

export const NAV_ITEMS: NavItem[] = [
  { href: "/", label: "Overview", icon: LayoutDashboard },
  { href: "/workflows", label: "Workflows", icon: Workflow },
  { href: "/executions", label: "Executions", icon: Activity },
  { href: "/approvals", label: "Approvals", icon: Inbox },
  { href: "/knowledge", label: "Knowledge", icon: BookOpen },
  { href: "/dashboards", label: "Dashboards", icon: BarChart3 },
  { href: "/settings", label: "Settings", icon: Settings },
];

/** Pages that need the whole window (the workflow editor): the sidebar collapses to icons there. */
export function isFullBleedRoute(pathname: string): boolean {
  return /^\/workflows\/[^/]+\/?$/.test(pathname);
}
