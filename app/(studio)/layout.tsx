import { AppShell } from "@/components/shell/app-shell";
import { requireStudioSession } from "@/lib/auth/current-user";
import { listUserWorkspaces } from "@/lib/workspaces/list-user-workspaces";

export const dynamic = "force-dynamic";

export default async function StudioLayout({ children }: { children: React.ReactNode }) {
  const { user, actor } = await requireStudioSession();
  const workspaces = await listUserWorkspaces(user.id);
  return (
    <AppShell userEmail={user.email} role={actor.role} workspaces={workspaces} activeWorkspaceId={actor.workspaceId}>
      {children}
    </AppShell>
  );
}
