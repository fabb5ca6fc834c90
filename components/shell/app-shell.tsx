import Link from "next/link";
import { Bot, LogOut } from "lucide-react";
import { signOutAction } from "@/app/sign-in/actions";
import { NavLinks } from "@/components/shell/nav-links";
import { WorkspaceSwitcher, type WorkspaceOption } from "@/components/shell/workspace-switcher";
import { Badge } from "@/components/ui/badge";

type ShellProps = {
  children: React.ReactNode;
  userEmail: string;
  role: string;
  workspaces: WorkspaceOption[];
  activeWorkspaceId: string;
};

/** The studio frame: sidebar navigation on laptops, a top bar on phones. */
export function AppShell({ children, userEmail, role, workspaces, activeWorkspaceId }: ShellProps) {
  return (
    <div className="flex min-h-full flex-col md:flex-row">
      <aside className="flex flex-col border-b border-slate-200 bg-white md:sticky md:top-0 md:h-screen md:w-64 md:shrink-0 md:border-r md:border-b-0">
        <div className="flex items-center gap-2 px-4 py-4">
          <Link href="/" className="flex items-center gap-2 font-semibold text-slate-900">
            <span className="flex size-8 items-center justify-center rounded-lg bg-brand-600 text-white">
              <Bot aria-hidden className="size-5" />
            </span>
            Agentry
          </Link>
        </div>
        <div className="px-3 pb-3">
          <WorkspaceSwitcher workspaces={workspaces} activeWorkspaceId={activeWorkspaceId} />
        </div>
        <nav aria-label="Main" className="px-2 pb-3 md:pb-0">
          <NavLinks />
        </nav>
        <div className="border-t border-slate-100 px-4 py-3 md:mt-auto">
          <Link href="/docs/api" className="mb-2 block text-xs text-slate-500 hover:text-slate-900">
            REST API docs
          </Link>
          <UserPanel userEmail={userEmail} role={role} />
        </div>
      </aside>
      <main className="min-w-0 flex-1 px-4 py-6 md:px-8 md:py-8">{children}</main>
    </div>
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
