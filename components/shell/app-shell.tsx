import Link from "next/link";
import { LogOut } from "lucide-react";
import { signOutAction } from "@/app/sign-in/actions";
import { ApprovalsLiveWorkspace } from "@/components/approvals/approvals-live-workspace";
import { ShellFrame } from "@/components/shell/shell-frame";
import { WorkspaceSwitcher, type WorkspaceOption } from "@/components/shell/workspace-switcher";
import { Badge } from "@/components/ui/badge";

type ShellProps = {
  children: React.ReactNode;
  userEmail: string;
  role: string;
  workspaces: WorkspaceOption[];
  activeWorkspaceId: string;
};

/** The studio frame (ShellFrame: sidebar or top bar, collapsed to a rail on the editor). */
export function AppShell({ children, userEmail, role, workspaces, activeWorkspaceId }: ShellProps) {
  return (
    <ShellFrame
      workspaceSwitcher={<WorkspaceSwitcher workspaces={workspaces} activeWorkspaceId={activeWorkspaceId} />}
      footer={
        <>
          <Link href="/docs/api" className="mb-2 block text-xs text-slate-500 hover:text-slate-900">
            REST API docs
          </Link>
          <UserPanel userEmail={userEmail} role={role} />
        </>
      }
    >
      <ApprovalsLiveWorkspace workspaceId={activeWorkspaceId} />
      {children}
    </ShellFrame>
  );
}

function UserPanel({ userEmail, role }: { userEmail: string; role: string }) {
  return (
    <div className="flex items-center justify-between gap-2">
      <div className="min-w-0">
        <p className="truncate text-sm font-medium text-slate-900" data-testid="current-user">
          {userEmail}
        </p>
        <Badge tone="info" data-testid="current-role">
          {role}
        </Badge>
      </div>
      <form action={signOutAction}>
        <button type="submit" className="rounded-lg p-2 text-slate-500 hover:bg-slate-100 hover:text-slate-900" aria-label="Sign out" title="Sign out">
          <LogOut aria-hidden className="size-4" />
        </button>
      </form>
    </div>
  );
}
