import { SettingsTabs } from "@/components/settings/settings-tabs";
import { PageHeader } from "@/components/ui/page-header";
import { requireStudioSession } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";

export default async function SettingsLayout({ children }: { children: React.ReactNode }) {
  const { actor } = await requireStudioSession();
  const tabs = [
    { href: "/settings", label: "General" },
    { href: "/settings/members", label: "Members" },
    { href: "/settings/credentials", label: "Credentials" },
    { href: "/settings/mcp-connections", label: "MCP connections" },
    ...(can(actor.role, "api_keys.manage") ? [{ href: "/settings/api-keys", label: "API keys" }] : []),
    ...(can(actor.role, "activity.read") ? [{ href: "/settings/activity", label: "Activity" }] : []),
  ];
  return (
    <>
      <PageHeader title="Settings" description="Your workspace, its members, credentials and access." />
      <SettingsTabs tabs={tabs} />
      {children}
    </>
  );
}
