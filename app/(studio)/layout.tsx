import { AppShell } from "@/components/shell/app-shell";

export default function StudioLayout({ children }: { children: React.ReactNode }) {
  return <AppShell>{children}</AppShell>;
}
