import { Lock } from "lucide-react";
import { EmptyState } from "@/components/ui/empty-state";

export function NoAccess({ need }: { need: string }) {
  return (
    <EmptyState icon={Lock} title="You don't have access to this">
      This needs the {need} role. Ask an admin of the workspace.
    </EmptyState>
  );
}
